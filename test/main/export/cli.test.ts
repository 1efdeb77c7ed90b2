import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { runCli } from '../../../main/cli';
import { addRedaction } from '../../../main/redact/redactions';
import { AddRedactionArgsSchema } from '../../../preload/channels/redaction';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase } from './fixture-case';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) });
  return { code, out, err };
}

describe('disclosure-desk export and verify', () => {
  const tempDir = useTempDir('dd-export-cli-');

  it('exports with a prefix and first number, then verifies the folder against its case', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    closeCase(fc.session);
    const out = join(dir, 'bundle');
    const exported = await cli('export', fc.session.path, '--out', out, '--prefix', 'SCI', '--first', '42', '--json');
    expect(exported.code, exported.err).toBe(0);
    expect(JSON.parse(exported.out)).toMatchObject({ firstReference: 'SCI000000042', verification: { ok: true } });
    const verified = await cli('verify', out);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.out).toMatch(/No redacted or withheld text found \(\d+ strings searched\)/);
  });

  it('refuses to write over an existing bundle and says why (exit 1)', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    closeCase(fc.session);
    const out = join(dir, 'bundle');
    expect((await cli('export', fc.session.path, '--out', out)).code).toBe(0);
    const again = await cli('export', fc.session.path, '--out', out);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists and is not empty/);
  });

  it('refuses an export whose redacted number is printed as a sender, naming the redaction, the page and the cause (exit 1)', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const db = fc.session.writable!;
    const PHONE = '+44 7700 900555';
    for (const row of db.prepare('SELECT id, body FROM messages WHERE instr(body, ?) > 0').all(PHONE) as { id: number; body: string }[]) {
      const start = row.body.indexOf(PHONE);
      addRedaction(db, AddRedactionArgsSchema.parse({ kind: 'span', messageId: row.id, start, end: start + PHONE.length, reasonCode: 'personal-contact' }), 'test-reviewer');
    }
    closeCase(fc.session);
    const out = join(dir, 'bundle');
    const refused = await cli('export', fc.session.path, '--out', out, '--prefix', 'INQ');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('The bundle failed verification and was not kept');
    expect(refused.err).toMatch(
      /- Redacted text \(Personal data \(contact details\)\) in the message sent Thu 28 May 2020 13:21 BST, in “Covid Core Group” \(INQ000000001\)/u,
    );
    expect(refused.err).toMatch(/was found in the bundle: page \d+ of INQ000000001 \(bundle page \d+\)/);
    expect(refused.err).toContain('\n    Why: this text is also printed as a sender’s name');
    expect(refused.err).toContain('Fix: redact the name too');
    expect(refused.err).not.toMatch(/#\d|7700/);

    const json = await cli('export', fc.session.path, '--out', out, '--prefix', 'INQ', '--json');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({
      ok: false,
      verification: { ok: false, problems: [{ check: 'leak', leak: { hidden: { kind: 'redacted-text' }, causes: [{ kind: 'sender-name' }] } }] },
    });
  });

  it('verify names the withheld message whose text was put into a bundle later, and says nothing the case prints holds it (exit 1)', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    closeCase(fc.session);
    const out = join(dir, 'bundle');
    expect((await cli('export', fc.session.path, '--out', out)).code).toBe(0);
    const pdf = join(out, readdirSync(out).find((f) => f.endsWith('.pdf')) ?? '');
    const doc = await PDFDocument.load(readFileSync(pdf), { updateMetadata: false });
    doc.setKeywords([fc.withheld[0] as string]);
    writeFileSync(pdf, await doc.save({ useObjectStreams: false }));
    const verified = await cli('verify', out);
    expect(verified.code).toBe(1);
    expect(verified.err).toMatch(/has changed: its SHA-256 is not the one in the manifest/);
    expect(verified.err).toContain(
      '- The withheld message (withheld on review): the message from Tom Reid, sent Mon 11 May 2020 12:47 BST, in “Covid Core Group” was found in the bundle: the PDF document information (Keywords).',
    );
    expect(verified.err).toContain('Why: nothing this case prints holds this text');
    expect(verified.err).not.toContain('GP phone appointment');
  });

  it('reports wrong usage with exit 2', async () => {
    expect((await cli('export', 'x.ddcase', '--out', 'o', '--first', 'ten')).code).toBe(2);
    expect((await cli('verify')).code).toBe(2);
  });
});
