/**
 * "Redact every occurrence" (docs/spec.md §6): preview each hit of a text or a pattern with its context (page
 * by page here; the Redaction screen and the CLI read the whole scope first, see sweep.ts); the
 * reviewer accepts or skips each; the accepted ones are applied as one batch (one transaction, one
 * audit entry, one review batch holding the redactions and the outcomes they move, undone as one step).
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import { fileNameOf, insertFileNameRedaction, liveFileNameRedactionOf } from '../../db/queries/file-name-redaction';
import { insertLabelRedaction, labelTextOf, liveLabelRedactionOf } from '../../db/queries/label-redaction';
import { insertRedaction, reasonCodeByCode } from '../../db/queries/redaction';
import { transaction } from '../../db/queries/run';
import type {
  ApplyOccurrencesArgs,
  ApplyOccurrencesResult,
  OccurrenceTarget,
  PreviewOccurrencesArgs,
  PreviewOccurrencesResult,
} from '../../common/domain/sweep';
import { appendAudit } from '../audit/log';
import { EmptyNeedleError, findFolded, fold, foldNeedle } from '../../common/domain/matcher';
import { findPhoneNumbers, phoneKey } from '../../common/domain/phone-numbers';
import { validateSpan, type PrintedNameField, type Span } from '../../common/domain/redaction';
import { newBatchId } from '../review/decisions';
import { assertFullCase } from '../review/mode';
import { describeRedactions, recordRedactionBatch } from './batch';
import { FileNameTargetNotFoundError, LabelTargetNotFoundError } from './errors';
import { afterSpanAdded } from './outcomes';
import { assertReasonCode, requireMessages } from './redactions';
import { coveredBy, scanScope, type Finder } from './scan';
import { compileUserPattern, matchUserPattern } from './user-pattern';

/**
 * What finds a target in a chunk of messages. A text that is one phone number finds every spelling of
 * that number ("07700 900461" finds "+44 7700 900461" and "(07700) 900 461"), each hit as written.
 */
export function finderFor(target: OccurrenceTarget): Finder<Span> {
  const phone = target.kind === 'text' ? phoneKey(target.text) : null;
  if (phone !== null) {
    return (chunk) =>
      new Map(
        chunk.map((m) => [
          m.id,
          findPhoneNumbers(m.body)
            .filter((found) => found.key === phone)
            .map(({ start, end }) => ({ start, end })),
        ]),
      );
  }
  if (target.kind === 'text') {
    // The matcher verification uses (common/domain/matcher.ts): what the sweep misses, verify misses too.
    const options = { caseSensitive: target.caseSensitive };
    const want = foldNeedle(target.text, options);
    if (want === '') throw new EmptyNeedleError();
    return (chunk) => new Map(chunk.map((m) => [m.id, findFolded(fold(m.body, options), want, target.wholeWord)]));
  }
  const pattern = compileUserPattern(target.pattern, target.flags);
  return (chunk) => {
    const found = new Map<number, Span[]>();
    for (const hit of matchUserPattern(
      pattern,
      chunk.map((m) => m.body),
    )) {
      const id = chunk[hit.text]!.id;
      found.set(id, [...(found.get(id) ?? []), { start: hit.start, end: hit.end }]);
    }
    return found;
  };
}

export function previewOccurrences(db: ReadableDB, args: PreviewOccurrencesArgs): PreviewOccurrencesResult {
  return scanScope(db, args.scope, args, finderFor(args.target));
}

/** A label, title or file name a sweep found the text in: redacted whole. */
export interface NameHit {
  readonly field: PrintedNameField;
  readonly targetId: number;
}

/**
 * Applies the accepted hits with one reason: each validated against its message (and widened to whole
 * characters), hits a live redaction already hides skipped, duplicates within the batch written once.
 * `names` (a sweep's hits in labels, titles and file names) are redacted whole in the same batch;
 * one already redacted is left as it is.
 */
export function applyOccurrences(
  db: WritableDB,
  args: ApplyOccurrencesArgs,
  actor: string,
  at = Date.now(),
  names: readonly NameHit[] = [],
): ApplyOccurrencesResult {
  assertFullCase(db, 'a redaction');
  return transaction(db, () => {
    assertReasonCode(db, args.reasonCode);
    const messages = requireMessages(
      db,
      args.hits.map((h) => h.messageId),
    );
    const covered = coveredBy(db, [...messages.keys()]);
    const seen = new Set<string>();
    const written = new Set<number>();
    const spans: [number, number, number][] = [];
    let alreadyRedacted = 0;
    for (const hit of args.hits) {
      const span = validateSpan(messages.get(hit.messageId)!.body, hit);
      const key = `${hit.messageId}:${span.start}:${span.end}`;
      if (covered(hit.messageId, span) || seen.has(key)) {
        alreadyRedacted += 1;
        continue;
      }
      seen.add(key);
      written.add(hit.messageId);
      spans.push([hit.messageId, span.start, span.end]);
    }
    const batchId = newBatchId();
    // The outcomes move first: the database refuses a live span on a message still to be disclosed whole.
    const moves = afterSpanAdded(db, batchId, [...written], at, actor);
    const addedIds = spans.map(([messageId, start, end]) =>
      insertRedaction(db, { messageId, kind: 'span', start, end, reasonCode: args.reasonCode, note: args.note, at, actor }),
    );
    const named = redactNames(db, names, { reasonCode: args.reasonCode, note: args.note, at, actor });
    alreadyRedacted += named.alreadyRedacted;
    const added = addedIds.length;
    const namesAdded = named.labels.length + named.fileNames.length;
    if (added + namesAdded > 0) {
      const label = reasonCodeByCode(db, args.reasonCode)!.label;
      recordRedactionBatch(db, {
        batchId,
        actor,
        at,
        summary: describeRedactions.added('span', label, written.size, null, true, namesAdded),
        messages: written.size,
        added: addedIds,
        labelsAdded: named.labels.map((l) => l.id),
        fileNamesAdded: named.fileNames.map((f) => f.id),
      });
      appendAudit(db, {
        actor,
        action: 'redaction.occurrences_applied',
        subject: `messages:${written.size}`,
        at,
        details: {
          reasonCode: args.reasonCode,
          note: args.note,
          added,
          alreadyRedacted,
          // Offsets and ids only: the log must not become a copy of what was redacted.
          spans,
          labelRedactions: named.labels,
          fileNameRedactions: named.fileNames,
          outcomeBatchId: moves.batchId,
          outcomeMoves: moves.moves,
        },
      });
    }
    return { added, alreadyRedacted, messages: written.size, names: namesAdded, outcomeMoves: moves.moves };
  });
}

interface NamesWritten {
  readonly labels: { readonly id: number; readonly participantId?: number; readonly conversationId?: number }[];
  readonly fileNames: { readonly id: number; readonly sourceId?: number; readonly attachmentId?: number }[];
  readonly alreadyRedacted: number;
}

/** Writes a whole redaction of each name not already hidden (each once); the caller holds the transaction and records the batch. */
function redactNames(
  db: WritableDB,
  names: readonly NameHit[],
  r: { reasonCode: string; note: string; at: number; actor: string },
): NamesWritten {
  const out: NamesWritten = { labels: [], fileNames: [], alreadyRedacted: 0 };
  const seen = new Set<string>();
  let already = 0;
  for (const { field, targetId } of names) {
    const key = `${field}:${targetId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (field === 'sender' || field === 'title') {
      const target = field === 'sender' ? { participantId: targetId } : { conversationId: targetId };
      if (labelTextOf(db, target) === undefined)
        throw new LabelTargetNotFoundError(field === 'sender' ? 'participant' : 'conversation', targetId);
      if (liveLabelRedactionOf(db, target)) already++;
      else out.labels.push({ id: insertLabelRedaction(db, { target, ...r }), ...target });
    } else {
      const target = field === 'source-file' ? { sourceId: targetId } : { attachmentId: targetId };
      if (fileNameOf(db, target) === undefined) throw new FileNameTargetNotFoundError(field, targetId);
      if (liveFileNameRedactionOf(db, target)) already++;
      else out.fileNames.push({ id: insertFileNameRedaction(db, { target, ...r }), ...target });
    }
  }
  return { ...out, alreadyRedacted: already };
}
