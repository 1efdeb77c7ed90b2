/**
 * Turns what the user picked (a file, a zip, a folder) into `SourceFiles`, and fingerprints it:
 * a file by the SHA-256 of its bytes, a folder by the SHA-256 of its sorted (path, file hash) list.
 */
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { CancelledError, type CancellationToken } from '../../common/domain/cancellation';
import { ImportInputError } from './errors';
import { folder, singleFile, type SourceFiles } from './files';
import { openZipFile } from './zip';

export interface OpenedFiles {
  readonly files: SourceFiles;
  readonly path: string;
  readonly container: 'file' | 'zip' | 'folder';
  readonly size: number;
}

export type ByteProgress = (bytesRead: number, bytesTotal: number) => void;

async function hashFile(path: string, onBytes: (n: number) => void, token?: CancellationToken): Promise<string> {
  const digest = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    if (token?.isCancellationRequested) throw new CancelledError('Checking the file');
    const bytes = chunk as Buffer;
    digest.update(bytes);
    onBytes(bytes.length);
  }
  return digest.digest('hex');
}

function startsWithZipMagic(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    return readSync(fd, head, 0, 4, 0) === 4 && head.readUInt32LE(0) === 0x04034b50;
  } finally {
    closeSync(fd);
  }
}

/** Opens without hashing (for detecting the format before an import starts). */
export async function openFiles(path: string): Promise<OpenedFiles> {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new ImportInputError(basename(path), 'the file or folder does not exist or cannot be read');
  }
  if (stats.isDirectory()) {
    const files = folder(path);
    if (files.entries.length === 0) throw new ImportInputError(files.displayName, 'the folder is empty');
    return { files, path, container: 'folder', size: files.entries.reduce((sum, entry) => sum + files.size(entry), 0) };
  }
  if (!stats.isFile()) throw new ImportInputError(basename(path), 'not a regular file or folder');
  if (stats.size === 0) throw new ImportInputError(basename(path), 'the file is empty');
  const isZip = startsWithZipMagic(path);
  return { files: isZip ? await openZipFile(path) : singleFile(path, stats), path, container: isZip ? 'zip' : 'file', size: stats.size };
}

export async function fingerprint(
  opened: OpenedFiles,
  onProgress: ByteProgress = () => undefined,
  token?: CancellationToken,
): Promise<string> {
  let done = 0;
  const count = (n: number): void => onProgress((done += n), opened.size);
  if (opened.container !== 'folder') return hashFile(opened.path, count, token);
  const listing = createHash('sha256');
  for (const entry of opened.files.entries) {
    listing.update(`${entry}\0${await hashFile(opened.files.diskPath(entry) ?? '', count, token)}\n`);
  }
  return listing.digest('hex');
}
