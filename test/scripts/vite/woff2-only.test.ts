/** The renderer build keeps only the woff2 source of the bundled emoji font (scripts/vite/woff2-only.mts). */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FontStylesheetChangedError, keepWoff2 } from '../../../scripts/vite/woff2-only.mjs';

const FONTSOURCE = resolve(__dirname, '..', '..', '..', 'node_modules', '@fontsource', 'noto-color-emoji');

describe('keeping only the woff2 source of a Fontsource stylesheet', () => {
  it("drops the woff fallback of the installed package's whole-font stylesheet and keeps its woff2", () => {
    const id = join(FONTSOURCE, 'emoji.css');
    const kept = keepWoff2(readFileSync(id, 'utf8'), id);
    expect(kept).toContain("src: url(./files/noto-color-emoji-emoji-400-normal.woff2) format('woff2');");
    expect(kept).not.toMatch(/\.woff\)/);
    expect(kept).toContain("font-family: 'Noto Color Emoji';");
  });

  it('refuses a stylesheet that still names a woff file in a shape it does not know, rather than bundle it', () => {
    const css = "@font-face { src: url(./files/x.woff) format('woff'), url(./files/x.woff2) format('woff2'); }";
    expect(() => keepWoff2(css, 'x.css')).toThrow(FontStylesheetChangedError);
    expect(() => keepWoff2(css, 'x.css')).toThrow(/x\.css still names a \.woff file/);
  });
});
