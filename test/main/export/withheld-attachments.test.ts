import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { exportBundle } from '../../../main/export/run';
import { BundleVerificationError } from '../../../main/export/verify';
import { verifyRecordedBundle } from '../../../main/export/verify-recorded';
import { addRedaction } from '../../../main/redact/redactions';
import { decideAttachments } from '../../../main/review/attachment-decisions';
import { AddRedactionArgsSchema } from '../../../common/contract/channels/redaction';
import { AttachmentDecideArgsSchema } from '../../../common/contract/channels/attachment-review';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase, type FixtureCase } from './fixture-case';
import { exportSettings } from './settings';

const NAME = 'Levels_framework_v3.pdf';
const ARTICLE8 = {
  engaged: 'yes',
  whose: 'third_party',
  rationalConnection: 'The framework is within the request; the annotations are family matters.',
  lessIntrusiveStep: 'withholding',
  lessIntrusiveReasoning: 'The file cannot be redacted here.',
  fairBalance: 'The intrusion outweighs the benefit.',
};

const pdftotext = (path: string): string => {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
};
const squeeze = (text: string): string => text.normalize('NFC').replace(/(?:\s|\p{Cf})+/gu, '');

const run = (fc: FixtureCase, outputDir: string) =>
  exportBundle(fc.session.writable!, fc.session.meta, exportSettings(outputDir), {
    actor: 'test-reviewer',
    appVersion: '0.0.0-test',
    casePath: fc.session.path,
    acknowledged: 'as-listed',
  });

function withholdAttachment(fc: FixtureCase, change: Record<string, unknown>): number {
  const db = fc.session.writable!;
  const id = db.prepare('SELECT id FROM attachments WHERE file_name = ?').pluck().get(NAME) as number;
  expect(id).toBeGreaterThan(0);
  decideAttachments(
    db,
    AttachmentDecideArgsSchema.parse({ attachmentIds: [id], change: { outcome: 'withhold', ...change } }),
    'test-reviewer',
  );
  return id;
}

/** WhatsApp writes "<name> (file attached)" in the body: the name must be redacted there too, or verification refuses it. */
function redactNameInBody(fc: FixtureCase): void {
  const db = fc.session.writable!;
  const row = db.prepare('SELECT id, body FROM messages WHERE instr(body, ?) > 0').get(NAME) as { id: number; body: string };
  const start = row.body.indexOf(NAME);
  addRedaction(
    db,
    AddRedactionArgsSchema.parse({ kind: 'span', messageId: row.id, start, end: start + NAME.length, reasonCode: 'article-8' }),
    'test-reviewer',
  );
}

describe('an attachment withheld whole', () => {
  const tempDir = useTempDir('dd-attach-');

  it('prints a slip with its Article 8 reason in place of its line, never its name, and the manifest counts it', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    withholdAttachment(fc, { article8: ARTICLE8 });
    redactNameInBody(fc);
    const result = await run(fc, join(dir, 'bundle'));
    expect(result.verification.ok).toBe(true);
    const text = pdftotext(
      join(
        result.dir,
        readdirSync(result.dir).find((f) => f.endsWith('.pdf'))!,
      ),
    );
    expect(squeeze(text)).toContain(squeeze('Attachment withheld — Article 8: private and family life'));
    expect(squeeze(text)).not.toContain(squeeze(NAME));
    // The message around it is still produced.
    expect(text).toContain('Levels framework v3 attached.');
    const manifest = JSON.parse(readFileSync(join(result.dir, 'manifest.json'), 'utf8')) as { items: Record<string, number> };
    expect(manifest.items.withheldAttachments).toBe(1);
    expect((await verifyRecordedBundle(fc.session.db, result.dir)).ok).toBe(true);
    closeCase(fc.session);
  });

  it('without an Article 8 record says it was withheld on review, as a withheld message does', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    withholdAttachment(fc, {});
    redactNameInBody(fc);
    const result = await run(fc, join(dir, 'bundle'));
    const text = pdftotext(
      join(
        result.dir,
        readdirSync(result.dir).find((f) => f.endsWith('.pdf'))!,
      ),
    );
    expect(squeeze(text)).toContain(squeeze('Attachment withheld — withheld on review'));
    closeCase(fc.session);
  });

  it('is refused by verification when its name is printed elsewhere in the bundle, naming the attachment', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    withholdAttachment(fc, { article8: ARTICLE8 });
    // The body naming the file ("… (file attached)") is left unredacted: the name would be printed there.
    const failure = await run(fc, join(dir, 'bundle')).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(BundleVerificationError);
    const messages = (failure as BundleVerificationError).report.problems.map((p) => p.message).join('\n');
    expect(messages).toContain('A redacted attachment name (Article 8: private and family life), printed with the message from Priya Nair');
    expect(messages).toContain('was found in the bundle');
    closeCase(fc.session);
  });
});
