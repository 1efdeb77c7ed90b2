/**
 * The hidden strings of a bundle already written, for verifying it later (`disclosure-desk verify`,
 * `export.verify`): the redactions (of bodies, labels and titles) and withheld decisions as they stood when it was exported —
 * redactions are superseded, never deleted, and decisions are events, so that state can be rebuilt
 * even after the review has moved on.
 */
import type { ReadableDB } from '../../db/connection';
import { bodiesOf, bundleMessageIds, redactionsAsOf, withheldAsOf } from '../../db/queries/export';
import { all, get } from '../../db/queries/run';
import { sql } from '../../db/sql';
import type { LiveRedaction } from '../../common/domain/redaction';
import type { Needle } from './leaks';
import { hiddenLabelNeedles } from '../redact/printed-labels';
import { bodyNeedles } from './long-body';
import { hiddenNeedles, hiddenNeedlesInPieces } from './scope';

export interface RecordedBundle {
  readonly id: number;
  readonly createdAt: number;
}

/** The recorded bundle whose files include one with this SHA-256 (the PDF's, from the manifest). */
export const bundleByFileHash = (db: ReadableDB, sha256: string): RecordedBundle | undefined =>
  all<RecordedBundle>(
    db,
    sql`SELECT b.id, b.created_at AS createdAt FROM bundles b, json_each(b.file_hashes) f WHERE f.value = ${sha256} ORDER BY b.id DESC LIMIT 1`,
  )[0];

export function hiddenForBundle(db: ReadableDB, bundle: RecordedBundle): Needle[] {
  const produced = new Set(bundleMessageIds(db, bundle.id));
  const conversations = new Set(
    all<{ c: number }>(db, sql`SELECT DISTINCT m.conversation_id AS c FROM bundle_items i JOIN messages m ON m.id = i.message_id WHERE i.bundle_id = ${bundle.id}`).map((r) => r.c),
  );
  const conversationOf = (id: number): number => get<{ c: number }>(db, sql`SELECT conversation_id AS c FROM messages WHERE id = ${id}`)?.c ?? -1;
  const redactions = redactionsAsOf(db, bundle.createdAt);
  const spans = new Map<number, LiveRedaction[]>();
  for (const r of redactions) {
    if (r.kind !== 'span' || !produced.has(r.messageId)) continue;
    spans.set(r.messageId, [...(spans.get(r.messageId) ?? []), { kind: 'span', start: r.start ?? 0, end: r.end ?? 0, reasonCode: r.reasonCode }]);
  }
  const needles: Needle[] = bodiesOf(db, [...spans.keys()]).flatMap((m) =>
    m.body === null ? hiddenNeedlesInPieces(db, m.id, spans.get(m.id) ?? []) : hiddenNeedles(m.id, m.body, spans.get(m.id) ?? []),
  );
  needles.push(...hiddenLabelNeedles(db, bundle.createdAt, [...conversations]));
  const whole = bodiesOf(db, redactions.filter((r) => r.kind === 'whole').map((r) => r.messageId));
  const seen = new Set<number>();
  for (const m of [...withheldAsOf(db, bundle.createdAt), ...whole]) {
    if (seen.has(m.id) || produced.has(m.id) || !conversations.has(conversationOf(m.id))) continue;
    seen.add(m.id);
    needles.push(...bodyNeedles(db, m.id, m.body));
  }
  return needles;
}
