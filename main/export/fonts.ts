/**
 * The fonts a bundle embeds, read from disk once per process. DejaVu Sans (regular and bold) is
 * copied into the repository (assets/fonts/, with its licence) so a bundle never depends on what a
 * machine has installed: the same case gives the same PDF everywhere. Noto Emoji (monochrome) comes
 * from its npm package; it is embedded whole, never subset, because fontkit's subsetter mangles it.
 *
 * Paths: this file sits two folders below the project root both as source (main/export/) and bundled
 * (dist/main/*.cjs), so `../../assets/fonts` finds the fonts in development, in dist and inside a
 * packaged app (electron-builder.yml ships assets/fonts/**; Electron reads files inside app.asar).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const FONT_KEYS = ['regular', 'bold', 'emoji'] as const;
export type FontKey = (typeof FONT_KEYS)[number];

const projectRoot = join(__dirname, '..', '..');

const NOTO_EMOJI = '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf';

export class FontMissingError extends Error {
  constructor(what: string, path: string, cause: unknown) {
    super(`The bundle font ${what} could not be read from ${path} (${(cause as Error).message}). Reinstall Disclosure Desk.`);
    this.name = 'FontMissingError';
  }
}

function read(what: string, path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new FontMissingError(what, path, err);
  }
}

export const fontPaths = (): Readonly<Record<FontKey, string>> => ({
  regular: join(projectRoot, 'assets', 'fonts', 'DejaVuSans.ttf'),
  bold: join(projectRoot, 'assets', 'fonts', 'DejaVuSans-Bold.ttf'),
  emoji: createRequire(join(projectRoot, 'package.json')).resolve(NOTO_EMOJI),
});

let cached: Readonly<Record<FontKey, Uint8Array>> | null = null;

/** The three fonts' bytes, read once: an export and its verification share them. */
export function fontBytes(): Readonly<Record<FontKey, Uint8Array>> {
  if (!cached) {
    const paths = fontPaths();
    cached = {
      regular: read('DejaVu Sans', paths.regular),
      bold: read('DejaVu Sans Bold', paths.bold),
      emoji: read('Noto Emoji', paths.emoji),
    };
  }
  return cached;
}
