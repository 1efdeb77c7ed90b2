/**
 * A Vite plugin for Fontsource stylesheets: keeps only the woff2 source of each @font-face. Fontsource
 * lists woff as a fallback for old browsers; the renderer runs only in Electron's and the shell's
 * Chromium, which read woff2, so bundling the woff copies would roughly double the fonts' size for
 * nothing.
 */
import type { Plugin } from 'vite';

const FONTSOURCE_CSS = /[\\/]node_modules[\\/]@fontsource[\\/][^\\/]+[\\/][^\\/]+\.css$/;
const WOFF_FALLBACK = /,\s*url\([^)]*\.woff\)\s*format\(['"]?woff['"]?\)/g;
const ANY_WOFF = /url\([^)]*\.woff\)/;

export class FontStylesheetChangedError extends Error {
  constructor(id: string) {
    super(
      `${id} still names a .woff file after its woff fallbacks were removed: the package's stylesheet changed shape. ` +
        'Update WOFF_FALLBACK in scripts/vite/woff2-only.mts to match it.',
    );
    this.name = 'FontStylesheetChangedError';
  }
}

/** The stylesheet with each `, url(….woff) format('woff')` fallback removed. */
export function keepWoff2(css: string, id: string): string {
  const kept = css.replace(WOFF_FALLBACK, '');
  if (ANY_WOFF.test(kept)) throw new FontStylesheetChangedError(id);
  return kept;
}

export function woff2Only(): Plugin {
  return {
    name: 'disclosure-desk:woff2-only',
    // Before Vite's own CSS plugin, which would otherwise resolve and emit every url() it finds.
    enforce: 'pre',
    transform(code, id) {
      const file = id.split('?', 1)[0] ?? id;
      return FONTSOURCE_CSS.test(file) ? { code: keepWoff2(code, file), map: null } : null;
    },
  };
}
