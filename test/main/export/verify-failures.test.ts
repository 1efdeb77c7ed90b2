/**
 * Verification failures name their cause (issue 12, "what was seen" 3): a refused export says which
 * redaction (reason, conversation, sender, time, reference), where the text was found (page n of
 * reference X and the bundle page, metadata, schedule row…), and why — the same text printed as a
 * sender's name, a title, another message — with where to fix it. Never an internal index, never
 * the hidden text itself.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import type { LeakFailure, VerifyProblem } from '../../../common/domain/verification';
import { exportBundle, type ExportSettings } from '../../../main/export/run';
import { BundleVerificationError } from '../../../main/export/verify';
import { verifyRecordedBundle } from '../../../main/export/verify-recorded';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase, redactInBodies, type FixtureCase } from './fixture-case';
import { exportSettings } from './settings';

const PHONE = '+44 7700 900555';
const CONTACT = 'Personal data (contact details)';

const settings = (outputDir: string): ExportSettings => exportSettings(outputDir);

// The consistency report (an Article 8 redaction without an assessment) is acknowledged up front:
// these tests are about what verification says afterwards.
const run = (fc: FixtureCase, outputDir: string, extra: Partial<Parameters<typeof exportBundle>[3]> = {}) =>
  exportBundle(fc.session.writable!, fc.session.meta, settings(outputDir), {
    actor: 'test-reviewer',
    appVersion: '0.0.0-test',
    casePath: fc.session.path,
    acknowledged: 'as-listed',
    ...extra,
  });

async function refusal(
  fc: FixtureCase,
  dir: string,
  extra: Partial<Parameters<typeof exportBundle>[3]> = {},
): Promise<BundleVerificationError> {
  const failure = await run(fc, join(dir, 'bundle'), extra).catch((err: unknown) => err);
  expect(failure).toBeInstanceOf(BundleVerificationError);
  return failure as BundleVerificationError;
}

const leaksOf = (problems: readonly VerifyProblem[]): LeakFailure[] => problems.flatMap((p) => (p.check === 'leak' ? [p.leak] : []));

const row = (fc: FixtureCase, query: string, ...values: unknown[]): Record<string, unknown> =>
  fc.session.db.prepare(query).get(...values) as Record<string, unknown>;

describe('a refused export names the redaction, where its text was found, and why', () => {
  const tempDir = useTempDir('dd-verify-failures-');

  it('a phone number redacted in bodies but printed as a sender’s name: names the sender as the cause and opens their message', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const [joined] = redactInBodies(fc, PHONE, 'personal-contact');
    const error = await refusal(fc, dir);
    const leaks = leaksOf(error.report.problems);
    // One failure for the one text, though it is redacted in two messages.
    expect(leaks).toHaveLength(1);
    const leak = leaks[0] as LeakFailure;
    const joinedRow = row(fc, 'SELECT position, conversation_id AS conversationId FROM messages WHERE id = ?', joined);
    expect(leak.hidden).toEqual({
      kind: 'redacted-text',
      reason: CONTACT,
      message: {
        messageId: joined,
        conversationId: joinedRow.conversationId,
        position: joinedRow.position,
        conversation: 'Covid Core Group',
        // "… joined using this group's invite link": a system notice, with no sender.
        sender: null,
        sent: 'Thu 28 May 2020 13:21 BST',
        reference: 'INQ000000001',
      },
    });
    expect(leak.alsoHiddenIn).toBe(1);
    expect(leak.locations).toEqual(
      expect.arrayContaining([
        { kind: 'extract-page', reference: 'INQ000000001', page: expect.any(Number), bundlePage: expect.any(Number) },
        { kind: 'schedule-csv', row: expect.any(Number), reference: 'INQ000000001' },
        { kind: 'schedule-xlsx', part: expect.stringMatching(/^xl\//) },
      ]),
    );
    const page = leak.locations.find((l) => l.kind === 'extract-page');
    expect(page && page.kind === 'extract-page' && page.bundlePage - page.page).toBe(2); // a cover and an index page come first

    const hiAll = row(fc, "SELECT id, position, sender_participant_id AS participantId FROM messages WHERE instr(body, 'Hi all') > 0");
    expect(leak.causes[0]).toEqual({
      kind: 'sender-name',
      participantId: hiAll.participantId,
      conversationId: joinedRow.conversationId,
      message: expect.objectContaining({
        messageId: hiAll.id,
        position: hiAll.position,
        sent: 'Thu 28 May 2020 13:25 BST',
        reference: 'INQ000000001',
      }),
    });

    const words = error.message;
    expect(words).not.toMatch(/#\d/);
    expect(words).not.toContain('7700');
    expect(words).toContain(
      `Redacted text (${CONTACT}) in the message sent Thu 28 May 2020 13:21 BST, in “Covid Core Group” (INQ000000001)`,
    );
    expect(words).toMatch(
      /was found in the bundle: page \d+ of INQ000000001 \(bundle page \d+\);.* row \d+ of the schedule CSV \(INQ000000001\)/,
    );
    expect(words).toContain('Why: this text is also printed as a sender’s name (the sender of the message sent Thu 28 May 2020 13:25 BST');
    expect(words).toContain('Fix: redact the name too: “Redact this sender’s name…” beside the message in Review.');
    closeCase(fc.session);
  });

  it('a title redacted only in a body: names the conversation title as the cause', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    redactInBodies(fc, 'Covid Core Group', 'article-8');
    const [leak] = leaksOf((await refusal(fc, dir)).report.problems);
    const conversationId = row(fc, "SELECT id FROM conversations WHERE title = 'Covid Core Group'").id;
    expect(leak?.hidden).toMatchObject({
      kind: 'redacted-text',
      reason: 'Article 8: private and family life',
      message: { conversation: '[the hidden text]' },
    });
    expect(leak?.causes).toEqual([{ kind: 'conversation-title', conversationId, custodian: 'Fiona Laird', reference: 'INQ000000001' }]);
    expect(leak?.locations).toEqual(expect.arrayContaining([{ kind: 'front-page', bundlePage: 2 }]));
    closeCase(fc.session);
  });

  it('a name redacted in one message: names the sender label and the other messages still showing it', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const [slides] = redactInBodies(fc, 'Euan', 'personal-third-party', (body) => body.startsWith('Some of us are still doing the slides'));
    const [leak] = leaksOf((await refusal(fc, dir)).report.problems);
    expect(leak?.hidden).toMatchObject({ kind: 'redacted-text', message: { messageId: slides, sender: 'Priya Nair' } });
    expect(leak?.causes.map((c) => c.kind)).toEqual(['sender-name', 'other-message']);
    const other = leak?.causes[1];
    // "Fiona Laird added Euan Baird" is the first other message, in bundle order, that still shows it.
    expect(other).toMatchObject({
      kind: 'other-message',
      message: { sender: null, sent: 'Mon 2 Mar 2020 09:13 GMT' },
      more: expect.any(Number),
    });
    expect(other?.kind === 'other-message' && other.more).toBeGreaterThanOrEqual(2);
    closeCase(fc.session);
  });

  it('text planted in the metadata after writing: says nothing the case prints holds it', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const plant = async (temp: string): Promise<void> => {
      const path = join(temp, readdirSync(temp).find((f) => f.endsWith('.pdf')) ?? '');
      const doc = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
      doc.setSubject(fc.redacted[0] as string);
      writeFileSync(path, await doc.save());
    };
    const error = await refusal(fc, dir, { beforeVerify: plant });
    const [leak] = leaksOf(error.report.problems);
    expect(leak?.hidden).toMatchObject({
      kind: 'redacted-text',
      reason: 'Article 8: private and family life',
      message: { sender: 'Fiona Laird', reference: 'INQ000000001' },
    });
    expect(leak?.locations).toEqual([{ kind: 'pdf-metadata', field: 'PDF document information (Subject)' }]);
    expect(leak?.causes).toEqual([{ kind: 'not-printed' }]);
    expect(error.message).toContain('was found in the bundle: the PDF document information (Subject).');
    expect(error.message).toContain('Why: nothing this case prints holds this text');
    closeCase(fc.session);
  });

  it('a bundle verified later names the withheld message whose text was planted in it', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const result = await run(fc, join(dir, 'bundle'));
    const path = join(result.dir, readdirSync(result.dir).find((f) => f.endsWith('.pdf')) ?? '');
    const doc = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
    doc.setKeywords([fc.withheld[0] as string]);
    writeFileSync(path, await doc.save({ useObjectStreams: false }));
    const report = await verifyRecordedBundle(fc.session.db, result.dir);
    const [leak] = leaksOf(report.problems);
    expect(leak?.hidden).toMatchObject({
      kind: 'withheld-item',
      reason: 'withheld on review',
      message: { sender: 'Tom Reid', sent: 'Mon 11 May 2020 12:47 BST', reference: null },
    });
    expect(leak?.locations).toEqual([{ kind: 'pdf-metadata', field: 'PDF document information (Keywords)' }]);
    expect(leak?.causes).toEqual([{ kind: 'not-printed' }]);
    closeCase(fc.session);
  });
});
