import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { exportBundle, type ExportSettings } from '../../../main/export/run';
import { BundleVerificationError } from '../../../main/export/verify';
import { verifyRecordedBundle } from '../../../main/export/verify-recorded';
import { redactLabel } from '../../../main/redact/labels';
import { addRedaction } from '../../../main/redact/redactions';
import { AddRedactionArgsSchema, RedactLabelArgsSchema } from '../../../common/contract/channels/redaction';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase, type FixtureCase } from './fixture-case';
import { exportSettings } from './settings';

const PHONE = '+44 7700 900555';
const CONTACT = 'Personal data (contact details)';
const ARTICLE_8 = 'Article 8: private and family life';

const pdftotext = (path: string): string => {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
};
const squeeze = (text: string): string => text.normalize('NFC').replace(/(?:\s|\p{Cf})+/gu, '');

const settings = (outputDir: string): ExportSettings => exportSettings(outputDir);

// Article 8 redactions without an assessment are on the consistency report (ledger.test.ts): accepted here.
const run = (fc: FixtureCase, outputDir: string) =>
  exportBundle(fc.session.writable!, fc.session.meta, settings(outputDir), {
    actor: 'test-reviewer',
    appVersion: '0.0.0-test',
    casePath: fc.session.path,
    acknowledged: 'as-listed',
  });

/** Redacts `text` wherever a message body holds it, as a reviewer would with the redaction tool. */
function redactInBodies(fc: FixtureCase, text: string, reasonCode: string): void {
  const db = fc.session.writable!;
  const rows = db.prepare('SELECT id, body FROM messages WHERE instr(body, ?) > 0').all(text) as { id: number; body: string }[];
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const start = row.body.indexOf(text);
    addRedaction(
      db,
      AddRedactionArgsSchema.parse({ kind: 'span', messageId: row.id, start, end: start + text.length, reasonCode }),
      'test-reviewer',
    );
  }
}

const idOf = (fc: FixtureCase, query: string, value: string): number => fc.session.db.prepare(query).pluck().get(value) as number;

describe('exporting with redacted participant labels and conversation titles', () => {
  const tempDir = useTempDir('dd-labels-');

  it('fails verification naming where a number redacted in a body is still printed as a sender label', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    redactInBodies(fc, PHONE, 'personal-contact');
    const failure = await run(fc, join(dir, 'bundle')).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(BundleVerificationError);
    const where = (failure as BundleVerificationError).report.problems.map((p) => p.message);
    expect(where).toEqual([
      expect.stringMatching(
        /was found in the bundle: page \d+ of INQ000000001 \(bundle page \d+\);.* row \d+ of the schedule CSV \(INQ000000001\); the schedule XLSX/,
      ),
    ]);
    expect(where[0]).toContain('Why: this text is also printed as a sender’s name');
    expect(readdirSync(dir).filter((f) => f.startsWith('bundle') || f.includes('partial'))).toEqual([]);
    closeCase(fc.session);
  });

  it('prints the reason in place of a redacted sender label and title, in headings, header block, index and schedule', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const db = fc.session.writable!;
    redactInBodies(fc, PHONE, 'personal-contact');
    redactInBodies(fc, 'Covid Core Group', 'article-8');
    const participantId = idOf(fc, 'SELECT id FROM participants WHERE instr(label, ?) > 0', PHONE);
    const conversationId = idOf(fc, 'SELECT id FROM conversations WHERE title = ?', 'Covid Core Group');
    redactLabel(db, RedactLabelArgsSchema.parse({ participantId, reasonCode: 'personal-contact' }), 'test-reviewer');
    redactLabel(db, RedactLabelArgsSchema.parse({ conversationId, reasonCode: 'article-8' }), 'test-reviewer');

    const result = await run(fc, join(dir, 'bundle'));
    expect(result.verification.ok).toBe(true);
    const pdf = join(
      result.dir,
      readdirSync(result.dir).find((f) => f.endsWith('.pdf'))!,
    );
    const pages = pdftotext(pdf).split('\f');
    const all = squeeze(pages.join(''));
    expect(all).not.toContain(squeeze(PHONE));
    expect(all).not.toContain('CovidCoreGroup');

    const index = squeeze(pages.find((p) => p.includes('Index')) ?? '');
    expect(index).toContain(squeeze(ARTICLE_8));
    const extract = pages.find((p) => p.includes('Participants')) ?? '';
    // The extract's title, its header block (participants) and the redacted sender's message heading.
    expect(extract.slice(0, extract.indexOf('Reference'))).toContain(ARTICLE_8);
    expect(extract).toMatch(/^Fiona Laird, Euan Baird, Priya Nair, Tom Reid, Personal data \(contact details\)$/mu);
    const heading = pages.find((p) => p.includes('Euan asked me to join')) ?? '';
    expect(squeeze(heading)).toMatch(/Personaldata\(contactdetails\)Hiall–/u);

    const csv = readFileSync(join(result.dir, 'schedule.csv'), 'utf8');
    expect(csv).not.toContain('7700');
    expect(csv).not.toContain('Covid Core Group');
    expect(csv).toContain(`[REDACTED: ${ARTICLE_8}]`);
    expect(csv).toContain(`[REDACTED: ${CONTACT}]`);

    expect((await verifyRecordedBundle(fc.session.db, result.dir)).ok).toBe(true);
    closeCase(fc.session);
  });
});
