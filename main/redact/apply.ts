/**
 * Messages as the bundle may show them: each body with its live redactions applied, as the branded
 * RedactedText (the only text main/export accepts). Labels are the case's current labels.
 */
import type { ReadableDB } from '../../db/connection';
import { liveRedactionsOfMessages, messageTexts, reasonCodes } from '../../db/queries/redaction';
import { applyRedactions, type LiveRedaction, type RedactedText } from '../../common/domain/redaction';
import { toLive } from './redactions';

/** The case's reason labels by code; an unknown code (impossible: a foreign key) falls back to the code. */
export function labelsOf(db: ReadableDB): (code: string) => string {
  const labels = new Map(reasonCodes(db).map((r) => [r.code, r.label]));
  return (code) => labels.get(code) ?? code;
}

/** Live redactions per message id, in the shape applyRedactions takes. */
export function liveRedactionsByMessage(db: ReadableDB, messageIds: readonly number[]): Map<number, LiveRedaction[]> {
  const byMessage = new Map<number, LiveRedaction[]>();
  for (const row of liveRedactionsOfMessages(db, messageIds))
    byMessage.set(row.messageId, [...(byMessage.get(row.messageId) ?? []), toLive(row)]);
  return byMessage;
}

/** Each existing message of `messageIds` as a RedactedText, keyed by id. */
export function redactedTexts(db: ReadableDB, messageIds: readonly number[]): Map<number, RedactedText> {
  const labelOf = labelsOf(db);
  const redactions = liveRedactionsByMessage(db, messageIds);
  return new Map(messageTexts(db, messageIds).map((m) => [m.id, applyRedactions(m.body, redactions.get(m.id) ?? [], labelOf)]));
}
