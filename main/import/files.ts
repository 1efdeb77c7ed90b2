/**
 * A read-only view of what the user imported — one file, a folder, or a zip — so parsers read
 * `_chat.txt` or `report.xml` the same way whatever container it came in.
 */
import { constants, lstatSync, statSync, readdirSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join, normalize, relative, sep } from 'node:path';
import type { ParseEvent } from '../../common/domain/parsed';
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
  /**
   * Symbolic links met so far (an entry or a folder on the way to one), as entries. They are never
   * followed: an export holds files, and a link can point anywhere on the machine.
   */
  linksNotFollowed(): readonly string[];
  close(): Promise<void>;
}

/** A note for each symbolic link a parse met, to be recorded on the source. */
export function linkNotes(files: SourceFiles): ParseEvent[] {
  return files.linksNotFollowed().map((entry) => ({
    type: 'note',
    note: {
      kind: 'warning',
      message: `"${entry}" is a symbolic link; it was not followed, so nothing it points at was read or recorded`,
      locator: { file: entry },
    },
  }));
}

/** Opens a file without following a link put in its place since it was looked at (where the OS can). */
const NO_FOLLOW = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0);

async function readWhole(path: string, flags: number): Promise<Uint8Array> {
  const handle = await open(path, flags);
  try {
    return new Uint8Array(await handle.readFile());
  } finally {
    await handle.close();
  }
}

async function* streamWhole(path: string, flags: number): AsyncGenerator<Uint8Array> {
  const handle = await open(path, flags);
  try {
    for await (const chunk of handle.createReadStream({ highWaterMark: 1 << 20, autoClose: false })) yield chunk as Uint8Array;
  } finally {
    await handle.close();
  }
}

function missing(displayName: string, entry: string): never {
  throw new ImportInputError(displayName, `no entry named "${entry}"`);
}

/**
 * A regular file at `entry` under `root`, or null; never a path that climbs out of `root`, and never
 * through a symbolic link (`links` hears of any met on the way).
 */
function fileUnder(root: string, entry: string, links: Set<string>): string | null {
  const base = normalize(root + sep);
  const full = normalize(join(base, ...entry.split('/')));
  if (!full.startsWith(base)) return null;
  const segments = relative(base, full).split(sep);
  let path = base;
  for (const [i, segment] of segments.entries()) {
    path = join(path, segment);
    let stats: Stats;
    try {
      stats = lstatSync(path);
    } catch {
      return null;
    }
    if (stats.isSymbolicLink()) {
      links.add(segments.slice(0, i + 1).join('/'));
      return null;
    }
    if (i === segments.length - 1) return stats.isFile() ? full : null;
    if (!stats.isDirectory()) return null;
  }
  return null;
}

/** A single file on disk; the files beside it are readable (for attachments) but are not entries. */
export function singleFile(path: string, stats: Stats = statSync(path)): SourceFiles {
  const name = basename(path);
  const folder = dirname(path);
  const links = new Set<string>();
  const resolve = (entry: string): string => (entry === name ? path : (fileUnder(folder, entry, links) ?? missing(name, entry)));
  // The file the user picked is read wherever it leads; only the files beside it are never links.
  const flagsFor = (entry: string): number => (entry === name ? constants.O_RDONLY : NO_FOLLOW);
  return {
    displayName: name,
    entries: [name],
    has: (entry) => entry === name || fileUnder(folder, entry, links) !== null,
    size: (entry) => (entry === name ? stats.size : statSync(resolve(entry)).size),
    read: (entry) => readWhole(resolve(entry), flagsFor(entry)),
    stream: (entry) => streamWhole(resolve(entry), flagsFor(entry)),
    diskPath: resolve,
    linksNotFollowed: () => [...links].sort(),
    close: async () => undefined,
  };
}

/** A folder (an unzipped export or a UFDR folder), walked once; symbolic links are not followed. */
export function folder(root: string): SourceFiles {
  const sizes = new Map<string, number>();
  const links: string[] = [];
  const walk = (dir: string): void => {
    for (const dirent of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, dirent.name);
      const entry = relative(root, full).split(sep).join('/');
      if (dirent.isDirectory()) walk(full);
      else if (dirent.isFile()) sizes.set(entry, lstatSync(full).size);
      else if (dirent.isSymbolicLink()) links.push(entry);
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
    read: (entry) => readWhole(diskPathOf(entry), NO_FOLLOW),
    stream: (entry) => streamWhole(diskPathOf(entry), NO_FOLLOW),
    diskPath: diskPathOf,
    linksNotFollowed: () => [...links].sort(),
    close: async () => undefined,
  };
}
