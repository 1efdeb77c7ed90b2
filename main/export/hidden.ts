/**
 * The hidden strings of a bundle already written, for verifying it later (`disclosure-desk verify`,
 * `export.verify`): the redactions (of bodies, labels and titles) and withheld decisions as they stood when it was exported —
 * redactions are superseded, never deleted, and decisions are events, so that state can be rebuilt
 * even after the review has moved on.
 */
import type { ReadableDB } from '../../db/connection';
import {
  bodiesOf,
  bundleConversationIds,
  bundleMessageIds,
  conversationOfMessage,
  redactionsAsOf,
  withheldAsOf,
  type RecordedBundle,
} from '../../db/queries/export';
import type { LiveRedaction } from '../../common/domain/redaction';
import type { Needle } from './leaks';
import { hiddenLabelNeedles } from '../redact/printed-labels';
import { bodyNeedles } from './long-body';
import { hiddenNeedles, hiddenNeedlesInPieces, WITHHELD_WITHOUT_REASON } from './scope';
import { withheldAttachmentNeedles } from './withheld-attachments';

export function hiddenForBundle(db: ReadableDB, bundle: RecordedBundle): Needle[] {
  const produced = new Set(bundleMessageIds(db, bundle.id));
  const conversations = new Set(bundleConversationIds(db, bundle.id));
  const conversationOf = (id: number): number => conversationOfMessage(db, id) ?? -1;
  const redactions = redactionsAsOf(db, bundle.createdAt);
  const spans = new Map<number, LiveRedaction[]>();
  for (const r of redactions) {
    if (r.kind !== 'span' || !produced.has(r.messageId)) continue;
    spans.set(r.messageId, [
      ...(spans.get(r.messageId) ?? []),
      { kind: 'span', start: r.start ?? 0, end: r.end ?? 0, reasonCode: r.reasonCode },
    ]);
  }
  const needles: Needle[] = bodiesOf(db, [...spans.keys()]).flatMap((m) =>
    m.body === null ? hiddenNeedlesInPieces(db, m.id, spans.get(m.id) ?? []) : hiddenNeedles(m.id, m.body, spans.get(m.id) ?? []),
  );
  needles.push(...hiddenLabelNeedles(db, bundle.createdAt, [...conversations]));
  needles.push(...withheldAttachmentNeedles(db, bundle.createdAt, [...conversations], WITHHELD_WITHOUT_REASON));
  const whole = bodiesOf(
    db,
    redactions.filter((r) => r.kind === 'whole').map((r) => r.messageId),
  );
  const seen = new Set<number>();
  for (const m of [...withheldAsOf(db, bundle.createdAt), ...whole]) {
    if (seen.has(m.id) || produced.has(m.id) || !conversations.has(conversationOf(m.id))) continue;
    seen.add(m.id);
    needles.push(...bodyNeedles(db, m.id, m.body));
  }
  return needles;
}
