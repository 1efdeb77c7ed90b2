/**
 * Every change of redactions is a review batch, like a decision: it joins its actor's undo stack
 * (main/review/undo.ts), and its row names it in words for the undo bar. The batch also records
 * which redactions it added and removed (redaction_batch_changes), which is what undo reverses; the
 * outcomes it moved are review events of the same batch.
 */
import type { WritableDB } from '../../db/connection';
import { insertFileNameChanges } from '../../db/queries/file-name-redaction';
import { insertImageRedactionChanges } from '../../db/queries/image-redactions';
import { insertRedactionChanges } from '../../db/queries/redaction-batch';
import { insertBatch } from '../../db/queries/review';

export interface RedactionBatch {
  readonly batchId: string;
  readonly actor: string;
  readonly at: number;
  readonly summary: string;
  /** Messages whose redactions changed (0 for a name or title). */
  readonly messages: number;
  readonly added?: readonly number[];
  readonly removed?: readonly number[];
  readonly labelsAdded?: readonly number[];
  readonly labelsRemoved?: readonly number[];
  readonly fileNamesAdded?: readonly number[];
  readonly fileNamesRemoved?: readonly number[];
  readonly imagesAdded?: readonly number[];
  readonly imagesRemoved?: readonly number[];
}

export function recordRedactionBatch(db: WritableDB, batch: RedactionBatch): void {
  insertRedactionChanges(db, batch.batchId, 'message', 'added', batch.added ?? []);
  insertRedactionChanges(db, batch.batchId, 'message', 'removed', batch.removed ?? []);
  insertRedactionChanges(db, batch.batchId, 'label', 'added', batch.labelsAdded ?? []);
  insertRedactionChanges(db, batch.batchId, 'label', 'removed', batch.labelsRemoved ?? []);
  insertFileNameChanges(db, batch.batchId, 'added', batch.fileNamesAdded ?? []);
  insertFileNameChanges(db, batch.batchId, 'removed', batch.fileNamesRemoved ?? []);
  insertImageRedactionChanges(db, batch.batchId, 'added', batch.imagesAdded ?? []);
  insertImageRedactionChanges(db, batch.batchId, 'removed', batch.imagesRemoved ?? []);
  insertBatch(db, {
    batchId: batch.batchId,
    actor: batch.actor,
    kind: 'decision',
    targetBatchId: null,
    summary: batch.summary,
    events: batch.messages,
    at: batch.at,
  });
}

const counted = (n: number, one: string): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : `${one}s`}`;

/** Undo labels in the reviewer's words: "redaction 'Personal data (contact details)' on 1 message". */
export const describeRedactions = {
  added: (kind: 'span' | 'whole', label: string, messages: number, replacing: string | null, everyOccurrence = false, names = 0): string =>
    `${kind === 'whole' ? 'whole-message ' : ''}redaction '${label}' on ${counted(messages, 'message')}` +
    `${names > 0 ? ` and ${counted(names, 'name')}` : ''}${everyOccurrence ? ' (every occurrence)' : ''}${replacing === null ? '' : `, replacing '${replacing}'`}`,
  removed: (labels: readonly string[], messages: number): string =>
    `removal of ${labels.length === 1 ? `redaction '${labels[0]}'` : counted(labels.length, 'redaction')} on ${counted(messages, 'message')}`,
  label: (target: 'participant' | 'conversation', label: string, change: 'added' | 'removed', replacing: string | null = null): string =>
    `${change === 'removed' ? 'removal of ' : ''}redaction '${label}' of ${target === 'participant' ? "a sender's name" : 'a conversation title'}` +
    `${replacing === null ? '' : `, replacing '${replacing}'`}`,
  fileName: (target: 'source-file' | 'attachment', label: string, change: 'added' | 'removed', replacing: string | null = null): string =>
    `${change === 'removed' ? 'removal of ' : ''}redaction '${label}' of ${target === 'source-file' ? "a source file's name" : "an attachment's name"}` +
    `${replacing === null ? '' : `, replacing '${replacing}'`}`,
  image: (label: string, change: 'added' | 'removed', replacing: string | null = null): string =>
    `${change === 'removed' ? 'removal of ' : ''}redaction '${label}' of an area of an image${replacing === null ? '' : `, replacing '${replacing}'`}`,
};
