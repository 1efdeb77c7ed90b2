/**
 * An attachment's bytes as the case keeps them (db/queries/blobs.ts), for the viewer and the export: by
 * attachment id or by SHA-256, as chunks read one at a time, as a stream, or whole up to a cap. Every
 * chunk is checked as it is read and the whole against its SHA-256 at the end, so a case that lost or
 * changed bytes says so by name, never with an empty or short result.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableDB } from '../../db/connection';
import { attachmentBytesRow, blobBySha, blobChunk, type BlobRow } from '../../db/queries/blobs';

export class AttachmentNotFoundError extends Error {
  constructor(id: number) {
    super(`The case has no attachment #${id}. Reload the conversation and pick the attachment again.`);
    this.name = 'AttachmentNotFoundError';
  }
}

/**
 * The attachment is recorded, but its bytes were never in the case: absent from the source, over the
 * limit, or imported before the case kept bytes.
 */
export class AttachmentNotKeptError extends Error {
  constructor(name: string, why: string) {
    super(`${name} is not in the case: ${why}.`);
    this.name = 'AttachmentNotKeptError';
  }
}

/** The case says it holds the bytes, and does not: the case file was damaged or altered. */
export class AttachmentBytesMissingError extends Error {
  constructor(name: string, sha256: string, detail: string) {
    super(
      `The case file does not hold the bytes of ${name} (sha256 ${sha256}): ${detail}. ` +
        'The case file may be damaged; re-import the source into a new case, or restore the case from a copy.',
    );
    this.name = 'AttachmentBytesMissingError';
  }
}

export class AttachmentTooLargeError extends Error {
  constructor(name: string, size: number, maxBytes: number) {
    super(`${name} is ${size} bytes, more than the ${maxBytes} this reads into memory at once; read it as a stream instead.`);
    this.name = 'AttachmentTooLargeError';
  }
}

export interface OpenedAttachment {
  /** The attachment's file name, or a description where it has none, for messages. */
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  readonly mime: string | null;
  /** The bytes, a chunk at a time (each read when asked for), checked against the SHA-256 at the end. */
  chunks(): Generator<Buffer, void, undefined>;
}

/** Opens attachment `id`'s bytes; throws a named error when the case does not hold them. */
export function openAttachment(db: ReadableDB, id: number): OpenedAttachment {
  const row = attachmentBytesRow(db, id);
  if (!row) throw new AttachmentNotFoundError(id);
  const name = row.fileName ?? `attachment #${id}`;
  if (!row.present) throw new AttachmentNotKeptError(name, row.missingReason ?? 'it was not in the source');
  if (!row.kept || row.sha256 === null) {
    throw new AttachmentNotKeptError(
      name,
      row.notes[0] ?? 'it was imported before the case kept attachment files; import the source again',
    );
  }
  if (!row.blob) throw new AttachmentBytesMissingError(name, row.sha256, 'no stored content has that hash');
  return opened(db, name, row.blob, row.mime);
}

/** Opens the bytes with SHA-256 `sha256`, whichever attachments hold them; `name` is for messages. */
export function openBlob(db: ReadableDB, sha256: string, name = `the file with SHA-256 ${sha256}`): OpenedAttachment {
  const blob = blobBySha(db, sha256);
  if (!blob) throw new AttachmentBytesMissingError(name, sha256, 'no stored content has that hash');
  return opened(db, name, blob, null);
}

function opened(db: ReadableDB, name: string, blob: BlobRow, mime: string | null): OpenedAttachment {
  return {
    name,
    sha256: blob.sha256,
    size: blob.size,
    mime,
    chunks: () => checkedChunks(db, name, blob),
  };
}

function* checkedChunks(db: ReadableDB, name: string, blob: BlobRow): Generator<Buffer, void, undefined> {
  const digest = createHash('sha256');
  const count = Math.ceil(blob.size / blob.chunkSize);
  for (let n = 0; n < count; n++) {
    const bytes = blobChunk(db, blob.id, n);
    const expected = Math.min(blob.chunkSize, blob.size - n * blob.chunkSize);
    if (!bytes) throw new AttachmentBytesMissingError(name, blob.sha256, `part ${n + 1} of ${count} is missing`);
    if (bytes.length !== expected) {
      throw new AttachmentBytesMissingError(name, blob.sha256, `part ${n + 1} of ${count} holds ${bytes.length} bytes, not ${expected}`);
    }
    digest.update(bytes);
    yield bytes;
  }
  const got = digest.digest('hex');
  if (got !== blob.sha256) throw new AttachmentBytesMissingError(name, blob.sha256, `the stored bytes hash to ${got} instead`);
}

/** The bytes as a readable stream (for a viewer's protocol handler or an export writing a file). */
export const attachmentStream = (attachment: OpenedAttachment): Readable => Readable.from(attachment.chunks(), { objectMode: false });

/** The bytes whole, when they are no more than `maxBytes` (a cap the caller states: the viewer's, the PDF's). */
export function readAttachment(attachment: OpenedAttachment, maxBytes: number): Buffer {
  if (attachment.size > maxBytes) throw new AttachmentTooLargeError(attachment.name, attachment.size, maxBytes);
  return Buffer.concat([...attachment.chunks()], attachment.size);
}
