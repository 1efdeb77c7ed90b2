import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { closeCase, openCase } from '../../../main/cases/service';
import { decide } from '../../../main/review/decisions';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { runCli } from '../../../main/cli';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase, redactInBodies } from './fixture-case';

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
    redactInBodies(fc, '+44 7700 900555', 'personal-contact');
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
      verification: {
        ok: false,
        problems: [{ check: 'leak', leak: { hidden: { kind: 'redacted-text' }, causes: [{ kind: 'sender-name' }] } }],
      },
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

  it('exports a draft with DRAFT- references, then numbers final bundles one after another and refuses a reused number', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    closeCase(fc.session);
    const draft = await cli('export', fc.session.path, '--out', join(dir, 'draft'), '--draft', '--no-xlsx');
    expect(draft.code, draft.err).toBe(0);
    expect(draft.out).toMatch(/^Draft bundle \(DRAFT — NOT FOR DISCLOSURE\) DRAFT-INQ000000001–DRAFT-INQ000000001: /mu);
    expect((await cli('export', fc.session.path, '--out', join(dir, 'one'), '--no-xlsx')).out).toMatch(
      /^Bundle INQ000000001–INQ000000001: /mu,
    );
    expect((await cli('export', fc.session.path, '--out', join(dir, 'two'), '--no-xlsx')).out).toMatch(
      /^Bundle INQ000000002–INQ000000002: /mu,
    );
    const reused = await cli('export', fc.session.path, '--out', join(dir, 'three'), '--first', '2');
    expect(reused).toMatchObject({ code: 1, out: '' });
    expect(reused.err).toMatch(
      /References INQ000000002 would reuse numbers of bundle #3 \(INQ000000002\), a final bundle already produced: start at 3 or later/,
    );
    expect(existsSync(join(dir, 'three'))).toBe(false);
    const again = await cli(
      'export',
      fc.session.path,
      '--out',
      join(dir, 'again'),
      '--reissue',
      '3',
      '--reason',
      'Cover corrected',
      '--no-xlsx',
    );
    expect(again.out).toMatch(/^Bundle #3, version 2, INQ000000002–INQ000000002: /mu);
  });

  it('refuses a re-issue of a bundle that does not exist, and a re-issue without a reason, changing nothing', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    closeCase(fc.session);
    const missing = await cli('export', fc.session.path, '--out', join(dir, 'x'), '--reissue', '99', '--reason', 'typo');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/There is no bundle #99 in this case/);
    expect((await cli('export', fc.session.path, '--out', join(dir, 'x'), '--reissue', '1')).code).toBe(2);
    expect((await cli('export', fc.session.path, '--out', join(dir, 'x'), '--reason', 'typo')).code).toBe(2);
    expect(existsSync(join(dir, 'x'))).toBe(false);
    const session = openCase(fc.session.path, { readOnly: true });
    expect(session.db.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'bundle.%'").pluck().get()).toBe(0);
    closeCase(session);
  });

  it('lists items classified personal and writes nothing without --accept-warnings; with it, exports and says what was accepted', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const id = fc.session.db.prepare("SELECT id FROM messages WHERE instr(body, 'Setting this up') > 0").pluck().get() as number;
    decide(
      fc.session.writable!,
      DecideArgsSchema.parse({ selector: { kind: 'ids', ids: [id] }, change: { classification: 'personal' } }),
      'test-reviewer',
    );
    closeCase(fc.session);
    const out = join(dir, 'bundle');
    const refused = await cli('export', fc.session.path, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      new RegExp(
        `1 item about to be produced needs a second look; nothing was written.*\n  INQ000000001  message #${id} in Covid Core Group: classified personal — Morning all. Setting this up`,
        'u',
      ),
    );
    expect(existsSync(out)).toBe(false);
    const accepted = await cli('export', fc.session.path, '--out', out, '--accept-warnings');
    expect(accepted.code, accepted.err).toBe(0);
    expect(accepted.out).toContain(
      `Acknowledged 1 item(s) needing a second look:\n  INQ000000001  message #${id} in Covid Core Group: classified personal`,
    );
  });

  it('reports wrong usage with exit 2', async () => {
    expect((await cli('export', 'x.ddcase', '--out', 'o', '--first', 'ten')).code).toBe(2);
    expect((await cli('verify')).code).toBe(2);
  });
});
