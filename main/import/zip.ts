/**
 * Zip archives as `SourceFiles`, with the defences docs/spec.md §3 asks for: no entry may name a path outside
 * the archive root, and declared and actual inflated sizes are capped so a zip bomb is refused before
 * (and while) inflating. Nothing is ever extracted to disk.
 */
import { basename } from 'node:path';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { ImportInputError } from './errors';
import type { SourceFiles } from './files';
import { MAX_ZIP_MEMBERS, tooManyMembers } from './structure-limits';

export interface ZipLimits {
  /** Largest total of declared uncompressed sizes. */
  readonly maxTotalBytes: number;
  /** Largest inflation ratio for an entry that inflates past `ratioFloorBytes`. */
  readonly maxRatio: number;
  readonly ratioFloorBytes: number;
  /** Most members (files and folders) an archive may list. */
  readonly maxEntries: number;
}

// Chat text compresses around 3-10:1 and media hardly at all; 100:1 over 16 MiB is a bomb, not a chat.
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 64 * 1024 ** 3,
  maxRatio: 100,
  ratioFloorBytes: 16 * 1024 ** 2,
  maxEntries: MAX_ZIP_MEMBERS,
};

/** Rejects absolute paths, drive letters, `..` segments and NULs, whichever separator the zip used. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\0')) return 'contains a NUL character';
  const normalised = name.replace(/\\/g, '/');
  if (normalised.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(normalised)) return 'names a drive';
  if (normalised.split('/').some((segment) => segment === '..')) return 'climbs out of the archive with ".."';
  return null;
}

type Opener = (cb: (err: Error | null, zip?: ZipFile) => void) => void;

function openWith(displayName: string, opener: Opener): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    opener((err, zip) => {
      if (err || !zip) reject(new ImportInputError(displayName, `not a readable zip archive (${err?.message ?? 'unknown error'})`));
      else resolve(zip);
    });
  });
}

/** Unix's file-type bits and a symbolic link's, as a zip made on Unix records them in the top half of the external attributes. */
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const MADE_ON_UNIX = 3;

/**
 * A member that is a symbolic link: its content is the path it points at, which is never followed; the
 * member is left out of the entries, as a link in a folder is (files.ts).
 */
const isLink = (entry: Entry): boolean =>
  entry.versionMadeBy >> 8 === MADE_ON_UNIX && ((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK;

interface CentralDirectory {
  readonly entries: Map<string, Entry>;
  readonly links: readonly string[];
}

async function readCentralDirectory(displayName: string, zip: ZipFile, limits: ZipLimits): Promise<CentralDirectory> {
  const entries = new Map<string, Entry>();
  const links: string[] = [];
  // Where each name was first listed (1-based), to name both places when a name comes again.
  const listedAt = new Map<string, number>();
  let listed = 0;
  let declaredTotal = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (reason: string): void => {
      zip.close();
      reject(new ImportInputError(displayName, reason));
    };
    zip.on('error', (err: Error) => {
      // yauzl vets entry names itself before emitting them; say it in the same words as our own check.
      const named = /^(?:invalid relative path|absolute path): (.*)$/.exec(err.message);
      const problem = named ? unsafeEntryName(named[1] ?? '') : null;
      fail(
        named
          ? `archive entry "${named[1]}" ${problem ?? 'is not a safe path'}; the archive was refused and nothing was extracted`
          : `damaged zip archive (${err.message})`,
      );
    });
    zip.on('end', () => resolve());
    zip.on('entry', (entry: Entry) => {
      // yauzl reads no further than the count checked below; this holds the cap whatever reads the directory.
      if (listed >= limits.maxEntries) return fail(tooManyMembers(limits.maxEntries));
      const problem = unsafeEntryName(entry.fileName);
      if (problem) return fail(`archive entry "${entry.fileName}" ${problem}; the archive was refused and nothing was extracted`);
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > limits.maxTotalBytes) {
        return fail(`archive would inflate to more than ${limits.maxTotalBytes} bytes; refused as a possible zip bomb`);
      }
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
        return fail(
          `archive entry "${entry.fileName}" declares ${entry.uncompressedSize} bytes from ${entry.compressedSize} ` +
            `(ratio ${Math.round(ratio)}:1, limit ${limits.maxRatio}:1); refused as a possible zip bomb`,
        );
      }
      listed++;
      const name = entry.fileName.replace(/\\/g, '/');
      const first = listedAt.get(name);
      if (first !== undefined) {
        return fail(
          `archive holds "${name}" twice (entries ${first} and ${listed}), so which one the export meant is unclear; the archive was refused. Extract the file you mean and import it on its own`,
        );
      }
      listedAt.set(name, listed);
      if (isLink(entry)) links.push(name);
      else if (!entry.fileName.endsWith('/')) entries.set(name, entry);
      zip.readEntry();
    });
    // The end of the central directory says how many members follow: a count over the cap is refused
    // there, before the listing (about 0.1 ms a member) is read at all.
    if (zip.entryCount > limits.maxEntries) fail(tooManyMembers(limits.maxEntries, zip.entryCount));
    else zip.readEntry();
  });
  return { entries, links };
}

function asSourceFiles(displayName: string, zip: ZipFile, { entries, links }: CentralDirectory): SourceFiles {
  const entryOf = (name: string): Entry => {
    const entry = entries.get(name);
    if (!entry) throw new ImportInputError(displayName, `no entry named "${name}" in the archive`);
    return entry;
  };
  const stream = (name: string): AsyncIterable<Uint8Array> => {
    const entry = entryOf(name);
    return {
      async *[Symbol.asyncIterator]() {
        const readable = await new Promise<NodeJS.ReadableStream>((resolve, reject) => {
          // yauzl checks the inflated byte count against the declared size and errors on a mismatch.
          zip.openReadStream(entry, (err, rs) => (err || !rs ? reject(err ?? new Error('no stream')) : resolve(rs)));
        });
        try {
          for await (const chunk of readable) yield chunk as Uint8Array;
        } catch (err) {
          throw new ImportInputError(displayName, `archive entry "${name}" could not be inflated (${(err as Error).message})`);
        }
      },
    };
  };
  return {
    displayName,
    entries: [...entries.keys()].sort(),
    has: (name) => entries.has(name),
    size: (name) => entryOf(name).uncompressedSize,
    stream,
    read: async (name) => {
      const chunks: Uint8Array[] = [];
      for await (const chunk of stream(name)) chunks.push(chunk);
      return new Uint8Array(Buffer.concat(chunks));
    },
    diskPath: () => null,
    linksNotFollowed: () => [...links].sort(),
    close: () => {
      zip.close();
      return Promise.resolve();
    },
  };
}

export async function openZipFile(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<SourceFiles> {
  const displayName = basename(path);
  const zip = await openWith(displayName, (cb) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true }, cb),
  );
  return asSourceFiles(displayName, zip, await readCentralDirectory(displayName, zip, limits));
}

/** A zip held in memory, such as the `rsmf.zip` attachment inside an RSMF message. */
export async function openZipBuffer(displayName: string, bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<SourceFiles> {
  const zip = await openWith(displayName, (cb) =>
    yauzl.fromBuffer(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      { lazyEntries: true, strictFileNames: false, validateEntrySizes: true },
      cb,
    ),
  );
  return asSourceFiles(displayName, zip, await readCentralDirectory(displayName, zip, limits));
}
