/**
 * One import: a file or folder from one custodian's device into the case, all or nothing. Everything
 * happens in one transaction on the caller's connection; any problem, a cancel, or a crash leaves the
 * case exactly as it was (an uncommitted WAL transaction is discarded when the case is next opened).
 */
import { basename, resolve } from 'node:path';
import type { WritableDB } from '../../db/connection';
import {
  beginImportTransaction,
  custodianId,
  insertSource,
  lastMessageId,
  sourceBySha,
  sourceCounts,
  suspendMessageIndexes,
} from '../../db/queries/import';
import { appendAudit } from '../audit/log';
import type { FieldCaps } from '../../common/domain/field-caps';
import type { DateOrder, SourceFormat } from '../../common/domain/model';
import type { ParseProblem } from '../../common/domain/parsed';
import { CancelledError, isCancelled, type CancellationToken } from '../../common/domain/cancellation';
import type { EventBatch } from './batch';
import { groupDuplicates } from './duplicates';
import { describeLocator, explainImportFailure, ImportInputError } from './errors';
import { detectFormat, formatOf } from './formats';
import { AttachmentKeeper } from './keep';
import { fingerprint, openFiles } from './open-input';
import { parseBatches, parseInThread, PARSE_THREAD_MIN_BYTES, type ThreadBatches } from './parse-thread';
import { SourceWriter } from './writer';

export interface ImportRequest {
  readonly path: string;
  readonly custodian: string;
  readonly device?: string;
  readonly format?: SourceFormat;
  readonly timeZone: string;
  readonly dateOrder?: DateOrder;
  /** Refuse the file for a defect the parser could work around (ParseOptions.strict). */
  readonly strict?: boolean;
}

export interface ImportProgress {
  readonly phase: 'hashing' | 'reading' | 'finishing';
  readonly bytesRead: number;
  readonly bytesTotal: number;
  readonly messages: number;
}

export interface ImportContext {
  readonly actor: string;
  readonly token?: CancellationToken;
  readonly onProgress?: (progress: ImportProgress) => void;
  /**
   * Parse in a thread of its own (true: fail if none can be started), in this one (false), or by size
   * (unset: inputs of PARSE_THREAD_MIN_BYTES or more, in a thread where one can be started).
   */
  readonly parseThread?: boolean;
  /** How much of a field is kept; FIELD_CAPS unless a test asks for small caps to stay small and fast. */
  readonly fieldCaps?: FieldCaps;
  /** Attachment files larger than this are hashed but not kept in the case; KEEP_LIMIT_BYTES (2 GB) unless a test asks. */
  readonly keepLimitBytes?: number;
}

export interface ImportSummary {
  readonly sourceId: number;
  readonly format: SourceFormat;
  readonly fileName: string;
  readonly sha256: string;
  readonly conversations: number;
  readonly messages: number;
  readonly participants: number;
  readonly attachments: number;
  readonly duplicatesGrouped: number;
  readonly notes: { readonly warnings: number; readonly repairs: number; readonly assumptions: number };
}

export class DuplicateSourceError extends Error {
  constructor(fileName: string, existing: { id: number; fileName: string; custodian: string; importedAt: number }) {
    super(
      `${fileName} has already been imported (source #${existing.id}, "${existing.fileName}" for ${existing.custodian}, ` +
        `${new Date(existing.importedAt).toISOString().slice(0, 10)}): the same file (same SHA-256) is never imported twice. Nothing was changed.`,
    );
    this.name = 'DuplicateSourceError';
  }
}

const importCancelled = (fileName: string): CancelledError => new CancelledError(`Import of ${fileName}`);

export class ImportProblemsError extends Error {
  constructor(
    fileName: string,
    readonly problems: readonly ParseProblem[],
    total: number,
  ) {
    const listed = problems.slice(0, 5).map((p) => `  - ${p.message}${describeLocator(p.locator)}`);
    super(
      `${fileName} could not be imported: ${total} problem${total === 1 ? '' : 's'} found. Nothing was changed.\n${listed.join('\n')}` +
        (total > listed.length ? `\n  … and ${total - listed.length} more` : ''),
    );
    this.name = 'ImportProblemsError';
  }
}

const PROGRESS_INTERVAL_MS = 200;

export async function importSource(db: WritableDB, request: ImportRequest, ctx: ImportContext): Promise<ImportSummary> {
  const path = resolve(request.path);
  const report = ctx.onProgress ?? (() => undefined);
  let lastReport = 0;
  const throttled = (progress: ImportProgress): void => {
    const now = Date.now();
    if (now - lastReport >= PROGRESS_INTERVAL_MS) {
      lastReport = now;
      report(progress);
    }
  };

  const opened = await openFiles(path);
  const { files } = opened;
  let thread: ThreadBatches | null = null;
  const hashing = (bytesRead: number, bytesTotal: number): void => throttled({ phase: 'hashing', bytesRead, bytesTotal, messages: 0 });
  const fingerprinted = async (): Promise<string> => {
    try {
      return await fingerprint(opened, hashing, ctx.token);
    } catch (err) {
      throw isCancelled(err) ? importCancelled(basename(path)) : err;
    }
  };
  try {
    let format = request.format;
    try {
      format ??= await detectFormat(files);
    } catch (err) {
      // A file imported before is refused as that, even when its format is not recognised (it may
      // have been imported as a format chosen by hand).
      const existing = sourceBySha(db, await fingerprinted());
      if (existing) throw new DuplicateSourceError(files.displayName, existing);
      throw err;
    }
    const spec = formatOf(format);
    const options = {
      timeZone: request.timeZone,
      dateOrder: request.dateOrder,
      custodianName: request.custodian,
      token: ctx.token,
      fieldCaps: ctx.fieldCaps,
      strict: request.strict,
    };
    // A parse thread starts parsing at once, while this thread fingerprints the input.
    if (ctx.parseThread ?? opened.size >= PARSE_THREAD_MIN_BYTES) {
      thread = parseInThread(path, format, options);
      if (!thread && ctx.parseThread) throw new Error('A parse thread cannot be started here (dist/main/parse-thread.cjs is not built).');
    }
    const sha256 = await fingerprinted();
    const existing = sourceBySha(db, sha256);
    if (existing) throw new DuplicateSourceError(files.displayName, existing);
    const batches: AsyncIterable<EventBatch> = thread ?? parseBatches(files, spec, options);
    const now = Date.now();

    // Every foreign key and CHECK constraint is enforced by SQLite as the rows are written, as for any
    // other write: the constraints are cheap (migration 0014), not switched off.
    const transaction = beginImportTransaction(db);
    try {
      // Roughly 150 bytes a message: an import that brings more rows than the case holds builds the
      // message indexes once at the end rather than row by row, unless its rows arrive in the indexes'
      // order (one conversation): then each row's entries go at the end of each index, which costs less
      // than sorting them all afterwards (1M WhatsApp messages: 0.2–0.3 s less; 1M messages spread over
      // 300 conversations, row by row: about 3 s more).
      const restoreIndexes = !spec.oneConversation && opened.size / 150 > lastMessageId(db) ? suspendMessageIndexes(db) : () => undefined;
      const custodian = custodianId(db, request.custodian.trim(), now);
      const sourceId = insertSource(db, {
        custodianId: custodian,
        deviceLabel: request.device?.trim() ?? '',
        format,
        producer: null,
        producerVersion: null,
        fileName: files.displayName,
        filePath: path,
        fileSize: opened.size,
        sha256,
        importedAt: now,
        importedBy: ctx.actor,
        parserVersion: spec.parserVersion,
        timeZone: request.timeZone,
      });
      const writer = new SourceWriter(db, files.displayName, sourceId, custodian);
      const keeper = new AttachmentKeeper(db, files, { limitBytes: ctx.keepLimitBytes, token: ctx.token });
      for await (const batch of batches) {
        if (ctx.token?.isCancellationRequested) throw importCancelled(files.displayName);
        const keeping = keeper.keep(batch);
        if (keeping) await keeping;
        writer.write(batch);
        if (batch.bytesTotal > 0)
          throttled({ phase: 'reading', bytesRead: writer.bytesRead, bytesTotal: batch.bytesTotal, messages: writer.messages });
      }
      if (ctx.token?.isCancellationRequested) throw importCancelled(files.displayName);
      if (writer.problemCount > 0) throw new ImportProblemsError(files.displayName, writer.problems, writer.problemCount);
      if (writer.messages === 0) throw new ImportInputError(files.displayName, 'no messages were found in it');

      report({ phase: 'finishing', bytesRead: writer.bytesRead, bytesTotal: opened.size, messages: writer.messages });
      restoreIndexes();
      writer.finish();
      const duplicatesGrouped = groupDuplicates(db, sourceId);
      const counts = sourceCounts(db, sourceId);
      appendAudit(db, {
        actor: ctx.actor,
        action: 'source.imported',
        subject: `source:${sourceId}`,
        details: { fileName: files.displayName, sha256, format, custodian: request.custodian, ...counts, notes: writer.noteCounts },
      });
      transaction.commit();
      return { sourceId, format, fileName: files.displayName, sha256, ...counts, duplicatesGrouped, notes: writer.noteCounts };
    } catch (err) {
      // Parsers may stop on a cancel with errors of their own; the user asked to cancel, so say that.
      throw ctx.token?.isCancellationRequested ? importCancelled(files.displayName) : err;
    } finally {
      transaction.end();
    }
  } catch (err) {
    // A cancel can stop the first pass too, with an error of the parser's own.
    throw ctx.token?.isCancellationRequested || isCancelled(err)
      ? importCancelled(files.displayName)
      : explainImportFailure(err, files.displayName);
  } finally {
    await thread?.stop();
    await files.close();
  }
}
