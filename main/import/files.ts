/**
 * A read-only view of what the user imported — one file, a folder, or a zip — so parsers read
 * `_chat.txt` or `report.xml` the same way whatever container it came in.
 */
import { createReadStream, statSync, readdirSync, type Stats } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, normalize, relative, sep } from 'node:path';
import { ImportInputError } from './errors';

export interface SourceFiles {
  /** What the user picked, as they named it (`WhatsApp Chat with Covid Core.zip`). */
  readonly displayName: string;
  /** Files inside, as POSIX-style relative paths; for a single file, just its base name. */
  readonly entries: readonly string[];
  /**
   * True when `entry` can be read from this source. For a single file this includes files beside it:
   * exports keep media next to the chat file (Telegram's photos/, iMessage's Attachments/), and the
   * user picks the chat file itself.
   */
  has(entry: string): boolean;
  size(entry: string): number;
  read(entry: string): Promise<Uint8Array>;
  stream(entry: string): AsyncIterable<Uint8Array>;
  /** A path on disk when the entry is a plain file (SQLite needs one); null inside an archive. */
  diskPath(entry: string): string | null;
  close(): Promise<void>;
}

function missing(displayName: string, entry: string): never {
  throw new ImportInputError(displayName, `no entry named "${entry}"`);
}

/** A regular file at `entry` under `root`, or null; never a path that climbs out of `root`. */
function fileUnder(root: string, entry: string): string | null {
  const base = normalize(root + sep);
  const full = normalize(join(base, ...entry.split('/')));
  if (!full.startsWith(base)) return null;
  try {
    return statSync(full).isFile() ? full : null;
  } catch {
    return null;
  }
}

/** A single file on disk; the files beside it are readable (for attachments) but are not entries. */
export function singleFile(path: string, stats: Stats = statSync(path)): SourceFiles {
  const name = basename(path);
  const folder = dirname(path);
  const resolve = (entry: string): string => (entry === name ? path : (fileUnder(folder, entry) ?? missing(name, entry)));
  return {
    displayName: name,
    entries: [name],
    has: (entry) => entry === name || fileUnder(folder, entry) !== null,
    size: (entry) => (entry === name ? stats.size : statSync(resolve(entry)).size),
    read: async (entry) => new Uint8Array(await readFile(resolve(entry))),
    stream: (entry) => createReadStream(resolve(entry), { highWaterMark: 1 << 20 }),
    diskPath: resolve,
    close: async () => undefined,
  };
}

/** A folder (an unzipped export or a UFDR folder), walked once; symbolic links are not followed. */
export function folder(root: string): SourceFiles {
  const sizes = new Map<string, number>();
  const walk = (dir: string): void => {
    for (const dirent of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, dirent.name);
      if (dirent.isDirectory()) walk(full);
      else if (dirent.isFile()) sizes.set(relative(root, full).split(sep).join('/'), statSync(full).size);
    }
  };
  walk(root);
  const displayName = basename(root);
  const diskPathOf = (entry: string): string => {
    if (!sizes.has(entry)) missing(displayName, entry);
    return join(root, ...entry.split('/'));
  };
  return {
    displayName,
    entries: [...sizes.keys()].sort(),
    has: (entry) => sizes.has(entry),
    size: (entry) => sizes.get(entry) ?? missing(displayName, entry),
    read: async (entry) => new Uint8Array(await readFile(diskPathOf(entry))),
    stream: (entry) => createReadStream(diskPathOf(entry), { highWaterMark: 1 << 20 }),
    diskPath: diskPathOf,
    close: async () => undefined,
  };
}
