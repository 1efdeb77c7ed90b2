/**
 * Keeps every attachment file a source holds in the case, content-addressed by SHA-256 (blobs.ts): in
 * the writing thread, inside the import's one transaction, before the batch that refers to them is
 * written. Each file is read once, and hashed and stored in the same pass; the same path is read once
 * per import, and content the case already holds (from another message, source or custodian) is
 * stored once. Memory holds at most one file of up to WHOLE_BYTES, or one chunk of a larger one.
 *
 * A file over the limit is hashed but not kept, with a note saying so; a file that cannot be read is
 * recorded absent with the reason, and the import goes on. Nothing is written anywhere but the case.
 *
 * Each file is also recognised by its content (its first bytes, main/media/sniff.ts), and a kept image
 * or movie has its headers read (main/media/metadata.ts): a name whose extension says another type, an
 * image too large to decode (a decompression bomb), a header that is not an image's, a movie cut short,
 * each becomes a note on the attachment. Headers only, never pixels: a photo costs a header parse here,
 * and a body that is corrupt past its header is found when its thumbnail is first made.
 */
import { createHash } from 'node:crypto';
import type { WritableDB } from '../../db/connection';
import { BLOB_CHUNK_BYTES, blobBySha, dropBlobChunks, insertBlob, insertBlobChunk, unusedBlobId } from '../../db/queries/blobs';
import { formatBytes } from '../../common/domain/byte-size';
import { CancelledError, isCancelled, type CancellationToken } from '../../common/domain/cancellation';
import type { SniffedType } from '../../common/domain/media';
import { blobSource } from '../attachments/blob-source';
import { describeMedia } from '../media/metadata';
import { extensionDisagrees, SNIFF_HEAD_BYTES, sniff } from '../media/sniff';
import type { EventBatch, StoredAttachment } from './batch';
import type { SourceFiles } from './files';
import { unsafeEntryName } from './zip';

/** Files larger than this are hashed but not kept in the case (ImportContext.keepLimitBytes). */
export const KEEP_LIMIT_BYTES = 2 * 1024 ** 3;

/**
 * A file up to this size is read whole before anything is written, so content the case already holds
 * costs no writes; a larger one is written as it is read, under an id its blob row takes at the end.
 */
const WHOLE_BYTES = 8 * BLOB_CHUNK_BYTES;

/** What reading an attachment's file found. */
interface Outcome {
  readonly present: boolean;
  readonly missingReason: string | null;
  readonly sha256: string | null;
  readonly size: number | null;
  readonly kept: boolean;
  readonly notes: readonly string[];
  /** What the content is, when it was read. */
  readonly sniffed: SniffedType | null;
}

/** Kinds whose headers are read at import: images (size against the pixel cap) and movies (their box structure). */
const DESCRIBED_KINDS: ReadonlySet<string> = new Set(['image', 'video', 'audio']);

export const overLimitNote = (size: number, limit: number): string =>
  `not kept in the case: ${formatBytes(size)} is more than the ${formatBytes(limit)} limit`;

export interface KeepOptions {
  readonly limitBytes?: number;
  readonly token?: CancellationToken;
}

export class AttachmentKeeper {
  private readonly byPath = new Map<string, Outcome>();
  /** The header problem (or none) of each content already described in this import, by SHA-256. */
  private readonly problems = new Map<string, string | undefined>();
  private readonly limit: number;

  constructor(
    private readonly db: WritableDB,
    private readonly files: SourceFiles,
    private readonly options: KeepOptions = {},
  ) {
    this.limit = options.limitBytes ?? KEEP_LIMIT_BYTES;
  }

  /** Reads and keeps the files of a batch's attachments; a promise only when there are files to read. */
  keep(batch: EventBatch): Promise<void> | undefined {
    let readable: StoredAttachment[] | null = null;
    for (const extras of batch.extras) {
      for (const a of extras.attachments) {
        if (a.present) (readable ??= []).push(a);
        else if (a.pathInSource !== null) this.explainAbsent(a, a.pathInSource);
      }
    }
    return readable ? this.keepAll(readable) : undefined;
  }

  /** A path the export names but that is not there because it was never to be followed says so. */
  private explainAbsent(a: StoredAttachment, path: string): void {
    if (unsafeEntryName(path)) a.missingReason = `its path "${path}" leads outside the export; it was not followed`;
    else if (this.files.linksNotFollowed().includes(path)) a.missingReason = `"${path}" is a symbolic link; it was not followed`;
  }

  private async keepAll(attachments: readonly StoredAttachment[]): Promise<void> {
    for (const a of attachments) {
      let outcome: Outcome;
      if (a.embedded) outcome = await this.store(embeddedPieces(a.embedded), a.embedded.byteLength);
      else if (a.pathInSource !== null) outcome = this.byPath.get(a.pathInSource) ?? (await this.fromSource(a.pathInSource));
      else continue;
      a.present = outcome.present;
      a.missingReason = outcome.missingReason;
      a.sha256 = outcome.sha256;
      a.size = outcome.size;
      a.kept = outcome.kept;
      a.detectedMime = outcome.sniffed?.mime ?? null;
      const disagreeing = outcome.sniffed && extensionDisagrees(a.fileName ?? a.pathInSource ?? '', outcome.sniffed);
      a.notes = disagreeing ? [...outcome.notes, disagreeing] : [...outcome.notes];
    }
  }

  private async fromSource(path: string): Promise<Outcome> {
    const outcome = await this.store(this.files.stream(path), this.files.size(path));
    this.byPath.set(path, outcome);
    return outcome;
  }

  /**
   * Hashes `pieces` and, unless they are over the limit or already in the case, stores them in chunks.
   * Errors reading them make the attachment absent with the reason; errors writing fail the import.
   */
  private async store(pieces: AsyncIterable<Uint8Array>, declaredSize: number): Promise<Outcome> {
    const { db, limit } = this;
    const digest = createHash('sha256');
    let size = 0;
    let keeping = declaredSize <= limit;
    /** Whole chunks read and not yet written (while the file may still be one already in the case). */
    let held: Buffer[] = [];
    /** The id chunks are written under once the file proved larger than WHOLE_BYTES. */
    let blobId: number | null = null;
    let written = 0;
    const chunk = Buffer.allocUnsafe(BLOB_CHUNK_BYTES);
    let fill = 0;
    const head = Buffer.allocUnsafe(SNIFF_HEAD_BYTES);
    let headFill = 0;
    const put = (bytes: Buffer): void => {
      if (blobId !== null) {
        insertBlobChunk(db, blobId, written++, bytes);
        return;
      }
      held.push(Buffer.from(bytes));
      if (held.length * BLOB_CHUNK_BYTES <= WHOLE_BYTES) return;
      blobId = unusedBlobId(db);
      for (const h of held) insertBlobChunk(db, blobId, written++, h);
      held = [];
    };
    const stopKeeping = (): void => {
      keeping = false;
      held = [];
      if (blobId !== null) dropBlobChunks(db, blobId);
      blobId = null;
    };
    const iterator = pieces[Symbol.asyncIterator]();
    let finished = false;
    try {
      for (;;) {
        if (this.options.token?.isCancellationRequested) throw new CancelledError(`Import of ${this.files.displayName}`);
        let next: IteratorResult<Uint8Array>;
        try {
          next = await iterator.next();
        } catch (err) {
          finished = true;
          if (isCancelled(err)) throw err;
          if (blobId !== null) dropBlobChunks(db, blobId);
          return { present: false, missingReason: `could not be read from the export (${(err as Error).message})`, ...NOT_READ };
        }
        if (next.done) {
          finished = true;
          break;
        }
        const piece = next.value;
        digest.update(piece);
        if (headFill < SNIFF_HEAD_BYTES) {
          const taken = Math.min(SNIFF_HEAD_BYTES - headFill, piece.byteLength);
          head.set(piece.subarray(0, taken), headFill);
          headFill += taken;
        }
        size += piece.byteLength;
        if (keeping && size > limit) stopKeeping();
        if (!keeping) continue;
        for (let at = 0; at < piece.byteLength;) {
          const taken = Math.min(BLOB_CHUNK_BYTES - fill, piece.byteLength - at);
          chunk.set(piece.subarray(at, at + taken), fill);
          fill += taken;
          at += taken;
          if (fill === BLOB_CHUNK_BYTES) {
            put(chunk);
            fill = 0;
          }
        }
      }
    } finally {
      // Stopped part-way (a cancel, a failed write): the file's reader closes its file now, not on collection.
      if (!finished) await iterator.return?.();
    }
    const sha256 = digest.digest('hex');
    const sniffed = sniff(head.subarray(0, headFill));
    if (!keeping) return { present: true, missingReason: null, sha256, size, kept: false, notes: [overLimitNote(size, limit)], sniffed };
    if (fill > 0) put(chunk.subarray(0, fill));
    if (blobBySha(db, sha256)) {
      if (blobId !== null) dropBlobChunks(db, blobId);
    } else {
      const id = blobId ?? unusedBlobId(db);
      insertBlob(db, id, sha256, size);
      if (blobId === null) held.forEach((h, n) => insertBlobChunk(db, id, n, h));
    }
    // A file held whole is described from memory; a larger one from the chunks just written.
    const problem = await this.headerProblem(sha256, sniffed, blobId === null ? Buffer.concat(held) : null);
    return { present: true, missingReason: null, sha256, size, kept: true, notes: problem ? [problem] : [], sniffed };
  }

  /** What the kept content's headers say is wrong with it ("could not be decoded: …"), if anything. */
  private async headerProblem(sha256: string, sniffed: SniffedType, whole: Uint8Array | null): Promise<string | undefined> {
    if (!DESCRIBED_KINDS.has(sniffed.kind)) return undefined;
    if (this.problems.has(sha256)) return this.problems.get(sha256);
    const content = whole ?? blobSource(this.db, blobBySha(this.db, sha256)!, `the file with SHA-256 ${sha256}`);
    const { problem } = await describeMedia(content, sniffed);
    this.problems.set(sha256, problem);
    return problem;
  }
}

const NOT_READ = { sha256: null, size: null, kept: false, notes: [], sniffed: null } as const;

async function* embeddedPieces(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}
