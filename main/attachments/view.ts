/**
 * One attachment for the viewer (spec §13): its record, what its bytes say about themselves, and an image
 * the screen can display at full resolution. JPEG, PNG, GIF and WebP go to the screen as they are (the
 * browser decodes them, applying EXIF orientation as the header facts do); HEIC, TIFF and the rest, and
 * files past PASS_THROUGH_MAX_BYTES, are re-encoded by main/media/render.ts. Nothing is decoded past the
 * pixel cap: an image over it gets the decoder's reason instead of a picture.
 */
import type { ReadableDB } from '../../db/connection';
import { attachmentNeighbours, attachmentViewRow } from '../../db/queries/attachment-view';
import { attachmentBytesRow, blobChunk, type BlobRow } from '../../db/queries/blobs';
import type { AttachmentRecord, AttachmentRendition, AttachmentView } from '../../common/domain/attachment-view';
import type { SniffedType } from '../../common/domain/media';
import type { ByteSource } from '../media/byte-source';
import { MediaDecodeError } from '../media/errors';
import { MAX_IMAGE_FILE_BYTES, describeMedia } from '../media/metadata';
import { renderImage } from '../media/render';
import { SNIFF_HEAD_BYTES, sniff } from '../media/sniff';
import { AttachmentNotFoundError, AttachmentNotKeptError, openAttachment, readAttachment, type OpenedAttachment } from './open';

/** Types every browser engine the app runs in displays as they are. */
const PASS_THROUGH = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
/** Larger originals are re-encoded: a data: URL is a third larger than its bytes, and crosses the bridge whole. */
export const PASS_THROUGH_MAX_BYTES = 24 * 1024 * 1024;

export async function viewAttachment(db: ReadableDB, attachmentId: number): Promise<AttachmentView> {
  const row = attachmentViewRow(db, attachmentId);
  if (!row) throw new AttachmentNotFoundError(attachmentId);
  const neighbours = attachmentNeighbours(db, row);
  const record = (detected: SniffedType | null, unavailableReason: string | null): AttachmentRecord => ({
    attachmentId: row.id,
    messageId: row.messageId,
    conversationId: row.conversationId,
    position: row.position,
    fileName: row.fileName,
    nameMime: row.mime,
    detected: detected && { mime: detected.mime, kind: detected.kind, label: detected.label },
    size: row.size,
    sha256: row.sha256,
    kept: row.kept,
    unavailableReason,
    notes: row.notes,
  });

  let opened: OpenedAttachment;
  try {
    opened = openAttachment(db, attachmentId);
  } catch (error) {
    if (!(error instanceof AttachmentNotKeptError)) throw error;
    return { record: record(null, error.message), media: null, rendition: { state: 'none' }, ...neighbours };
  }
  const detected = sniff(head(opened));
  if (detected.kind !== 'image') {
    const blob = attachmentBytesRow(db, attachmentId)?.blob;
    const media = blob ? await describeMedia(chunkSource(db, blob), detected) : null;
    return { record: record(detected, null), media, rendition: { state: 'none' }, ...neighbours };
  }
  if (opened.size > MAX_IMAGE_FILE_BYTES) {
    const media = await describeMedia(sizeOnly(opened.size), detected);
    return {
      record: record(detected, null),
      media,
      rendition: unavailable(media.problem ?? 'the file is too large to show'),
      ...neighbours,
    };
  }
  const bytes = readAttachment(opened, MAX_IMAGE_FILE_BYTES);
  const media = await describeMedia(bytes, detected);
  const rendition = media.problem !== undefined ? unavailable(media.problem) : await displayable(bytes, detected, media);
  return { record: record(detected, null), media, rendition, ...neighbours };
}

async function displayable(bytes: Buffer, detected: SniffedType, size: { width?: number; height?: number }): Promise<AttachmentRendition> {
  if (PASS_THROUGH.has(detected.mime) && bytes.length <= PASS_THROUGH_MAX_BYTES && size.width && size.height) {
    return { state: 'image', dataUrl: dataUrl(detected.mime, bytes), width: size.width, height: size.height, converted: false };
  }
  try {
    const rendered = await renderImage(bytes);
    return {
      state: 'image',
      dataUrl: dataUrl(rendered.mime, rendered.bytes),
      width: rendered.width,
      height: rendered.height,
      converted: true,
    };
  } catch (error) {
    if (error instanceof MediaDecodeError) return unavailable(error.message);
    throw error;
  }
}

const unavailable = (reason: string): AttachmentRendition => ({ state: 'unavailable', reason });

const dataUrl = (mime: string, bytes: Buffer): string => `data:${mime};base64,${bytes.toString('base64')}`;

/** The first bytes, enough to recognise the content; the rest is read only if it is needed. */
function head(opened: OpenedAttachment): Uint8Array {
  const chunks = opened.chunks();
  const first = chunks.next();
  chunks.return();
  return first.done ? new Uint8Array() : first.value.subarray(0, SNIFF_HEAD_BYTES);
}

/**
 * The stored bytes read where asked, one chunk at a time: a video's duration is in a header that may sit
 * after gigabytes of media. Only headers are read this way, for facts; what is shown is read through
 * openAttachment, which checks the whole against its hash.
 */
function chunkSource(db: ReadableDB, blob: BlobRow): ByteSource {
  return {
    size: blob.size,
    async read(offset, length) {
      const end = Math.min(blob.size, offset + length);
      const parts: Buffer[] = [];
      for (let n = Math.floor(offset / blob.chunkSize); n * blob.chunkSize < end; n++) {
        const chunk = blobChunk(db, blob.id, n);
        if (!chunk) throw new MediaDecodeError(`part ${n + 1} of the stored file is missing`);
        const start = n * blob.chunkSize;
        parts.push(chunk.subarray(Math.max(0, offset - start), Math.min(chunk.length, end - start)));
      }
      return Buffer.concat(parts);
    },
  };
}

/** A source that has a size and nothing to read: describeMedia refuses an image this large before reading it. */
const sizeOnly = (size: number): ByteSource => ({ size, read: () => Promise.reject(new MediaDecodeError('the file was not read')) });
