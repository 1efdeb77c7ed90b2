/**
 * Classifies imported fixtures by the author's intended labels (test/fixtures/LABELS.json) through
 * the review service, then checks every message and the progress figures against those labels.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/connection';
import { importSource } from '../../../main/import/run';
import { decide } from '../../../main/review/decisions';
import { progress } from '../../../main/review/progress';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { makeCase } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';

type Label = 'business' | 'personal' | 'mixed';
interface LabelledItem {
  readonly label: Label;
  readonly line?: number;
  readonly id?: number;
}

const LABELS = JSON.parse(readFileSync(fixture('LABELS.json'), 'utf8')) as Record<string, { items: LabelledItem[] }>;

/** What a reviewer would do with each label: disclose business, withhold personal, redact mixed. */
const OUTCOME_FOR: Readonly<Record<Label, string>> = { business: 'disclose', personal: 'withhold', mixed: 'disclose_redacted' };

const FIXTURES = [
  {
    file: 'whatsapp/android-en-GB-24h.txt',
    custodian: 'Fiona Laird',
    // WhatsApp items are located by the header line of the message.
    find: (db: WritableDB, sourceId: number, item: LabelledItem) =>
      db.prepare('SELECT id FROM messages WHERE source_id = ? AND locator_line_start = ?').pluck().all(sourceId, item.line) as number[],
  },
  {
    file: 'telegram/result.json',
    custodian: 'Euan Baird',
    // Telegram items by message id, which the importer keeps as "<chat id>/<message id>".
    find: (db: WritableDB, sourceId: number, item: LabelledItem) =>
      db
        .prepare("SELECT id FROM messages WHERE source_id = ? AND locator_record LIKE '%/' || ?")
        .pluck()
        .all(sourceId, String(item.id)) as number[],
  },
] as const;

describe('reviewing the fixtures by their intended labels', () => {
  const tempDir = useTempDir();

  it('classifies every labelled message as labelled, leaves the rest unclassified, and progress agrees', async () => {
    const session = makeCase(tempDir());
    const db = session.writable!;
    const byLabel: Record<Label, number[]> = { business: [], personal: [], mixed: [] };
    for (const f of FIXTURES) {
      const { sourceId } = await importSource(
        db,
        { path: fixture(f.file), custodian: f.custodian, timeZone: 'Europe/London' },
        { actor: 'test-reviewer' },
      );
      for (const item of LABELS[f.file]!.items) {
        const found = f.find(db, sourceId, item);
        expect(found, `${f.file}: ${JSON.stringify(item)}`).toHaveLength(1);
        byLabel[item.label].push(found[0]!);
      }
    }
    for (const label of ['business', 'personal', 'mixed'] as const) {
      const result = decide(
        db,
        DecideArgsSchema.parse({
          selector: { kind: 'ids', ids: byLabel[label] },
          change: { classification: label, outcome: OUTCOME_FOR[label] },
        }),
        'test-reviewer',
      );
      expect(result.changed).toBe(byLabel[label].length);
    }

    const current = new Map(
      (
        db
          .prepare(
            "SELECT m.id, coalesce(r.classification, 'unclassified') AS c, coalesce(r.outcome, 'pending') AS o FROM messages m LEFT JOIN reviews r ON r.message_id = m.id",
          )
          .all() as {
          id: number;
          c: string;
          o: string;
        }[]
      ).map((r) => [r.id, r]),
    );
    const labelled = new Set(Object.values(byLabel).flat());
    for (const [label, ids] of Object.entries(byLabel)) {
      for (const id of ids) expect(current.get(id)).toEqual({ id, c: label, o: OUTCOME_FOR[label as Label] });
    }
    // System notices and deletion placeholders carry no label: they stay unreviewed.
    const unlabelled = [...current.values()].filter((r) => !labelled.has(r.id));
    expect(unlabelled.length).toBeGreaterThan(0);
    expect(unlabelled.every((r) => r.c === 'unclassified' && r.o === 'pending')).toBe(true);

    const totals = progress(db).custodians.reduce(
      (sum, c) => ({
        business: sum.business + c.byClassification.business,
        personal: sum.personal + c.byClassification.personal,
        mixed: sum.mixed + c.byClassification.mixed,
      }),
      { business: 0, personal: 0, mixed: 0 },
    );
    expect(totals).toEqual({ business: byLabel.business.length, personal: byLabel.personal.length, mixed: byLabel.mixed.length });
    expect(byLabel.business.length + byLabel.personal.length + byLabel.mixed.length).toBe(
      LABELS[FIXTURES[0].file]!.items.length + LABELS[FIXTURES[1].file]!.items.length,
    );
  });
});
