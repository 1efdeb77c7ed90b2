/**
 * What a bundle prints for a participant's label, a conversation's title, a source's file name or an
 * attachment's name: the text, or — when it is redacted — a box carrying the reason. Built with
 * `applyRedactions` as a whole-item redaction, so labels reach the layout as `RedactedText` like
 * bodies do and cannot be printed by accident.
 */
import type { ReadableDB } from '../../db/connection';
import { fileNameRedactionsAsOf, hiddenFileNames } from '../../db/queries/file-name-redaction';
import { hiddenLabels, labelRedactionsAsOf } from '../../db/queries/label-redaction';
import { applyRedactions, type LiveRedaction, type RedactedText } from '../../common/domain/redaction';
import type { Needle, NeedleSource } from '../export/leaks';

export interface PrintedLabels {
  /** A participant's label as printed; `participantId` null (no sender recorded) prints `text` as is. */
  participant(participantId: number | null, text: string): RedactedText;
  title(conversationId: number, text: string): RedactedText;
  /** A source's file name (extract details, manifest) and an attachment's name (beside its message). */
  sourceFile(sourceId: number, text: string): RedactedText;
  attachment(attachmentId: number, text: string): RedactedText;
  /** Several participants' labels joined by `separator`, each redacted one a box of its own. */
  list(participants: readonly { readonly id: number; readonly label: string }[], separator: string): RedactedText;
}

/** The case's live label redactions, applied with its reason labels. */
export function printedLabels(db: ReadableDB, labelOf: (code: string) => string): PrintedLabels {
  const participants = new Map<number, string>();
  const titles = new Map<number, string>();
  for (const r of labelRedactionsAsOf(db, null)) {
    if (r.participantId !== null) participants.set(r.participantId, r.reasonCode);
    if (r.conversationId !== null) titles.set(r.conversationId, r.reasonCode);
  }
  const sources = new Map<number, string>();
  const attachments = new Map<number, string>();
  for (const r of fileNameRedactionsAsOf(db, null)) {
    if (r.sourceId !== null) sources.set(r.sourceId, r.reasonCode);
    if (r.attachmentId !== null) attachments.set(r.attachmentId, r.reasonCode);
  }
  const print = (text: string, reasonCode: string | undefined): RedactedText =>
    applyRedactions(text, reasonCode === undefined ? [] : [{ kind: 'whole', reasonCode }], labelOf);
  return {
    participant: (id, text) => print(text, id === null ? undefined : participants.get(id)),
    title: (id, text) => print(text, titles.get(id)),
    sourceFile: (id, text) => print(text, sources.get(id)),
    attachment: (id, text) => print(text, attachments.get(id)),
    list: (list, separator) => {
      // One text with a span over each redacted label, so the joined line is one RedactedText.
      const spans: LiveRedaction[] = [];
      let at = 0;
      for (const p of list) {
        const reasonCode = participants.get(p.id);
        if (reasonCode !== undefined && p.label.length > 0) spans.push({ kind: 'span', start: at, end: at + p.label.length, reasonCode });
        at += p.label.length + separator.length;
      }
      return applyRedactions(list.map((p) => p.label).join(separator), spans, labelOf);
    },
  };
}

/** A printed label as one plain string (index cells, schedule): "[REDACTED: reason]" for a box. */
export const printedLabelText = (text: RedactedText): string =>
  text.kind === 'whole'
    ? `[REDACTED: ${text.label}]`
    : text.segments.map((s) => (s.kind === 'text' ? s.text : `[REDACTED: ${s.label}]`)).join('');

/**
 * What the leak check looks for: each redacted label, title or file name a bundle of these
 * conversations could print, as imported (the matcher ignores the bidi marks exports wrap phone
 * numbers in, which the PDF's text layer does not keep).
 */
export function hiddenLabelNeedles(db: ReadableDB, asOf: number | null, conversationIds: readonly number[]): Needle[] {
  const labels = hiddenLabels(db, asOf, conversationIds).map((r): Needle => {
    const source: NeedleSource =
      r.participantId !== null
        ? { kind: 'redacted-name', participantId: r.participantId, reasonCode: r.reasonCode }
        : { kind: 'redacted-title', conversationId: r.conversationId ?? 0, reasonCode: r.reasonCode };
    return { text: r.text, source };
  });
  const fileNames = hiddenFileNames(db, asOf, conversationIds).map((r): Needle => ({
    text: r.text,
    source:
      r.sourceId !== null
        ? { kind: 'redacted-file-name', target: 'source-file', id: r.sourceId, reasonCode: r.reasonCode }
        : { kind: 'redacted-file-name', target: 'attachment', id: r.attachmentId ?? 0, reasonCode: r.reasonCode },
  }));
  return [...labels, ...fileNames];
}
