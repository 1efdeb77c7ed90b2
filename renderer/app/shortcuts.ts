/**
 * The keyboard map: which key does what, used both to handle keys and to list them in the help
 * overlay, so the two cannot disagree.
 */
import type { MenuCommand } from '../../common/contract';
import type { AppCommand } from './commands';
import { ALT_KEY, MOD_KEY } from './platform';
import { SCREENS } from './screens';
import { REVIEW_BINDINGS, type ReviewBinding } from '../features/review/reviewKeys';

export interface ShortcutEntry {
  readonly description: string;
  /** Alternative chords, each a list of keys pressed together. */
  readonly chords: readonly (readonly string[])[];
}

export interface ShortcutGroup {
  readonly title: string;
  readonly entries: readonly ShortcutEntry[];
}

/** A review binding's key as the overlay shows it: one capital letter. */
const letter = (binding: ReviewBinding): string[][] => [[binding.key.toUpperCase()]];

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  {
    title: 'Cases',
    entries: [
      { description: 'New case', chords: [[MOD_KEY, 'N']] },
      { description: 'Open case', chords: [[MOD_KEY, 'O']] },
      { description: 'Close case', chords: [[MOD_KEY, 'W']] },
    ],
  },
  {
    title: 'Screens',
    entries: SCREENS.map((screen, index) => ({ description: screen.label, chords: [[ALT_KEY, String(index + 1)]] })),
  },
  {
    title: 'Lists and dialogs',
    entries: [
      { description: 'Move through recent cases', chords: [['↑'], ['↓']] },
      { description: 'Open the focused case', chords: [['Enter']] },
      { description: 'Close this overlay or a dialog', chords: [['Esc']] },
    ],
  },
  {
    title: 'Review: moving',
    entries: [
      { description: 'Next message', chords: [['↓'], ...letter(REVIEW_BINDINGS.moving[0])] },
      { description: 'Previous message', chords: [['↑'], ...letter(REVIEW_BINDINGS.moving[1])] },
      {
        description: 'Extend the selection down or up',
        chords: [
          ['Shift', '↓'],
          ['Shift', '↑'],
        ],
      },
      { description: 'Add or remove a message from the selection', chords: [[MOD_KEY, 'Click']] },
      { description: 'Select the whole conversation', chords: [[MOD_KEY, 'A']] },
      { description: 'A screenful down or up', chords: [['Page Down'], ['Page Up']] },
      { description: 'First or last message', chords: [['Home'], ['End']] },
    ],
  },
  {
    title: 'Review: coding the current message or the selection',
    entries: [
      ...REVIEW_BINDINGS.coding.map((binding) => ({ description: binding.description, chords: letter(binding) })),
      { description: 'Undo', chords: [['Z'], [MOD_KEY, 'Z']] },
      {
        description: 'Redo',
        chords: [
          ['Shift', 'Z'],
          [MOD_KEY, 'Shift', 'Z'],
        ],
      },
    ],
  },
  {
    title: 'Review: attachments',
    entries: [
      ...REVIEW_BINDINGS.attachments.map((binding) => ({ description: binding.description, chords: letter(binding) })),
      { description: 'View the message’s attachment (the one being coded, else the first)', chords: [['Enter']] },
      { description: 'In the viewer: previous or next attachment of the conversation', chords: [['←'], ['→']] },
      { description: 'In the viewer: zoom in or out', chords: [['+'], ['−'], [MOD_KEY, 'Wheel']] },
      { description: 'In the viewer: fit the window, or actual size', chords: [['0'], ['1']] },
      { description: 'In the viewer: pan a zoomed image', chords: [['Shift', '←'], ['Shift', '→'], ['↑'], ['↓']] },
    ],
  },
  {
    title: 'Review: redacting',
    entries: [
      ...REVIEW_BINDINGS.redacting.map((binding) => ({ description: binding.description, chords: letter(binding) })),
      { description: 'Select the words to hide', chords: [['Drag'], ['Double-click']] },
      { description: 'Remove a redaction from its box', chords: [['Right-click']] },
      {
        description: 'Undo or redo a redaction, here or on the Redaction screen',
        chords: [
          [MOD_KEY, 'Z'],
          [MOD_KEY, 'Shift', 'Z'],
        ],
      },
    ],
  },
  {
    title: 'Search',
    entries: [
      { description: 'Go to the search box', chords: [['/']] },
      { description: 'Open the focused result in its conversation', chords: [['Enter']] },
    ],
  },
  {
    title: 'Help',
    entries: [{ description: 'Show keyboard shortcuts', chords: [['F1'], ['?']] }],
  },
];

export interface KeyPress {
  readonly key: string;
  readonly code: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

export interface KeyContext {
  readonly isMac: boolean;
  /**
   * Electron's native menu owns Ctrl/Cmd+N, O, W and F1 as accelerators and sends them as menu
   * commands; handling the key here as well would run each command twice.
   */
  readonly nativeMenu: boolean;
  /** `?` is a character while typing, a command only outside text fields. */
  readonly typing: boolean;
}

const MENU_KEYS: Readonly<Record<string, MenuCommand>> = { n: 'new-case', o: 'open-case', w: 'close-case' };

export function commandForKey(press: KeyPress, context: KeyContext): AppCommand | null {
  const mod = context.isMac ? press.metaKey : press.ctrlKey;
  const otherMod = context.isMac ? press.ctrlKey : press.metaKey;
  const noModifiers = !press.ctrlKey && !press.metaKey && !press.altKey;

  if (mod && !otherMod && !press.altKey && !press.shiftKey) {
    const kind = MENU_KEYS[press.key.toLowerCase()];
    if (kind) return context.nativeMenu ? null : { kind };
  }
  if (press.key === 'F1' && noModifiers && !press.shiftKey) return context.nativeMenu ? null : { kind: 'show-shortcuts' };
  if (press.key === '?' && noModifiers && !context.typing) return { kind: 'show-shortcuts' };
  if (press.key === '/' && noModifiers && !context.typing) return { kind: 'focus-search' };
  if (press.altKey && !press.ctrlKey && !press.metaKey && !press.shiftKey) {
    // The physical digit key: with Option held, macOS reports a symbol ("¡") as the key.
    const digit = /^Digit([1-9])$/.exec(press.code)?.[1];
    const screen = digit ? SCREENS[Number(digit) - 1] : undefined;
    if (screen) return { kind: 'go-to', screen: screen.id };
  }
  return null;
}

export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}
