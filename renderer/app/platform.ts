/** macOS uses ⌘ where other systems use Ctrl, and calls Alt "Option". */
export const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export const MOD_KEY = isMac ? 'Cmd' : 'Ctrl';
export const ALT_KEY = isMac ? 'Option' : 'Alt';
