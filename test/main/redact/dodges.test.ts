/**
 * Issue 13, "What was seen" 2: a word redacted with `redact --text` must not ship in any spelling or
 * any printed place — a title from the export's file name, a sender's name, an attachment's name,
 * the source file's name — and `verify` must find it wherever it is planted.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { runCli } from '../../../main/cli';
import { useTempDir } from '../../helpers/temp';
import { dodgesCase } from './dodges-case';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) });
  return { code, out, err };
}

/** An independent search: NFKC, lower case, marks and invisible characters dropped, white space ignored. */
const plain = (text: string): string =>
  text
    .normalize('NFKD')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{M}\p{Cf}\u034f\ufe00-\ufe0f\s]/gu, '');

const pdftotext = (path: string): string => {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
};
const unzipped = (path: string): string => spawnSync('unzip', ['-p', path], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;

describe('redact --text against dodged spellings and printed names', () => {
  const tempDir = useTempDir('dd-dodges-');

  it('redacts every spelling in bodies, the title, the sender, the attachment and the source file name, and verify finds them planted', async () => {
    const dir = tempDir();
    const session = await dodgesCase(dir);
    closeCase(session);

    for (const word of ['Kestrel', 'Staffin']) {
      const redacted = await cli('redact', session.path, '--text', word, '--reason', 'personal-third-party');
      expect(redacted.code, redacted.err).toBe(0);
    }
    const out = join(dir, 'bundle');
    const exported = await cli('export', session.path, '--out', out, '--json');
    expect(exported.code, exported.err).toBe(0);
    expect(JSON.parse(exported.out)).toMatchObject({ verification: { ok: true } });

    const files = readdirSync(out);
    const pdf = join(
      out,
      files.find((f) => f.endsWith('.pdf'))!,
    );
    const outputs = {
      pdf: pdftotext(pdf),
      csv: readFileSync(join(out, 'schedule.csv'), 'utf8'),
      xlsx: unzipped(
        join(
          out,
          files.find((f) => f.endsWith('.xlsx'))!,
        ),
      ),
      manifest: readFileSync(join(out, 'manifest.json'), 'utf8'),
    };
    for (const [where, text] of Object.entries(outputs)) {
      expect(plain(text), where).not.toContain('kestrel');
      expect(plain(text), where).not.toContain('staffin');
    }
    expect(outputs.pdf).toContain('Personal data (third party)');

    const clean = await cli('verify', out, '--json');
    expect(clean.code, clean.out + clean.err).toBe(0);

    // Planted where no redaction reaches: the PDF's keywords, then a CSV cell.
    const original = readFileSync(pdf);
    for (const planted of ['KESTREL', 'Ｋｅｓｔｒｅｌ ops', 'Kes\u0336trel', 'Staﬃn']) {
      const doc = await PDFDocument.load(original, { updateMetadata: false });
      doc.setKeywords([planted]);
      writeFileSync(pdf, await doc.save({ useObjectStreams: false }));
      const verified = await cli('verify', out, '--json');
      expect(verified.code, planted).toBe(1);
      const report = JSON.parse(verified.out) as { problems: { check: string }[] };
      expect(
        report.problems.map((p) => p.check),
        planted,
      ).toContain('leak');
    }
  }, 60_000);
});
