import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/connection';
import { addRedaction } from '../../../main/redact/redactions';
import { decide } from '../../../main/review/decisions';
import { AddRedactionArgsSchema } from '../../../preload/channels/redaction';
import { DecideArgsSchema } from '../../../preload/channels/review';
import { useTempDir } from '../../helpers/temp';
import { caseWithBodies } from '../redact/seed';
import { reviewOf } from './seed';

const ARTICLE8 = {
  engaged: 'yes',
  whose: 'third_party',
  rationalConnection: 'None: a family matter.',
  lessIntrusiveStep: 'withholding',
  lessIntrusiveReasoning: 'Only withholding removes the intrusion.',
  fairBalance: 'The intrusion outweighs any benefit.',
};

export const decideOn = (db: WritableDB, raw: Record<string, unknown>, actor = 'alice') => decide(db, DecideArgsSchema.parse(raw), actor);

/**
 * The blocker of issue 12: a message withheld with an Article 8 assessment and a message disclosed with
 * span redactions, then "Apply to conversation: Disclose".
 */
export function blockerCase(dir: string) {
  const seeded = caseWithBodies(dir, ['Family news: Ailsa is in hospital', 'Call Jane on 07911 123456', 'Meeting at 10', 'Agenda attached', 'Thanks']);
  const { db, ids } = seeded;
  const family = ids[0]!;
  const redacted = ids[1]!;
  decideOn(db, { selector: { kind: 'ids', ids: [family] }, change: { classification: 'personal', outcome: 'withhold', article8: ARTICLE8 } });
  decideOn(db, { selector: { kind: 'ids', ids: [redacted] }, change: { classification: 'business', outcome: 'disclose' } });
  addRedaction(db, AddRedactionArgsSchema.parse({ kind: 'span', messageId: redacted, start: 13, end: 25, reasonCode: 'personal-contact' }), 'alice');
  return { ...seeded, family, redacted, article8Id: reviewOf(db, family)!.article8Id as number };
}

describe('bulk decisions are layered over individual ones', () => {
  const tempDir = useTempDir();

  it('"Apply to conversation: Disclose" keeps an individual withhold with its Article 8 record, and the redacted item\'s disclose_redacted', () => {
    const { db, conversationId, ids, family, redacted, article8Id } = blockerCase(tempDir());
    decideOn(db, { selector: { kind: 'conversation', conversationId }, change: { outcome: 'disclose' } });
    expect(reviewOf(db, family)).toMatchObject({ classification: 'personal', outcome: 'withhold', article8Id });
    expect(reviewOf(db, redacted)).toMatchObject({ classification: 'business', outcome: 'disclose_redacted' });
    for (const id of ids.slice(2)) expect(reviewOf(db, id)).toMatchObject({ outcome: 'disclose' });
  });
});
