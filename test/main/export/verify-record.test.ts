/**
 * `verify` checks a bundle folder against the case's record (issue 13, "what was seen" 9): the folder
 * holds exactly the files the export wrote, and each has the SHA-256 the case recorded at export —
 * not only the one manifest.json states, which anyone editing a schedule can rewrite to match.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli';
import { closeCase, type CaseSession } from '../../../main/cases/service';
import { MANIFEST_FILE, manifestJson, readManifest, sha256 } from '../../../main/export/manifest';
import { exportBundle } from '../../../main/export/run';
import { verifyBundle } from '../../../main/export/verify';
import { verifyRecordedBundle } from '../../../main/export/verify-recorded';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase } from './fixture-case';
import { exportSettings } from './settings';

/** One case and one exported bundle; each test tampers with a copy of the bundle. */
let root = '';
let session: CaseSession;
let bundle = '';
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'dd-verify-record-'));
  session = (await fixtureCase(root)).session;
  bundle = join(root, 'bundle');
  await exportBundle(session.writable!, session.meta, exportSettings(bundle), {
    actor: 'test-reviewer',
    appVersion: '0.0.0-test',
    casePath: session.path,
    acknowledged: 'as-listed',
  });
});
afterAll(() => {
  closeCase(session);
  rmSync(root, { recursive: true, force: true });
});

/** Rewrites manifest.json so its files list matches whatever is in the folder now, as a careful tamperer would. */
function rehashManifest(dir: string, keep: (name: string) => boolean = () => true): void {
  const manifest = readManifest(join(dir, MANIFEST_FILE));
  const files = manifest.files
    .filter((f) => keep(f.name))
    .map((f) => {
      const bytes = readFileSync(join(dir, f.name));
      return { ...f, bytes: bytes.byteLength, sha256: sha256(bytes) };
    });
  writeFileSync(join(dir, MANIFEST_FILE), manifestJson({ ...manifest, files }));
}

const messages = (report: { problems: readonly { check: string; message: string }[] }): string[] =>
  report.problems.filter((p) => p.check === 'files').map((p) => p.message);

describe('verify against the case’s record of the bundle', () => {
  const tempDir = useTempDir('dd-verify-record-');
  const copy = (): string => {
    const dir = join(tempDir(), 'bundle');
    cpSync(bundle, dir, { recursive: true });
    return dir;
  };

  it('passes the folder as exported', async () => {
    expect(await verifyRecordedBundle(session.db, copy())).toMatchObject({ ok: true, leakCheck: true, problems: [] });
  });

  it('fails a folder holding a file the export did not write, with or without the case', async () => {
    const dir = copy();
    writeFileSync(join(dir, 'notes.txt'), 'added later');
    const expected = /^notes\.txt is in the bundle folder but is not part of the bundle/;
    const withCase = await verifyRecordedBundle(session.db, dir);
    expect(withCase.ok).toBe(false);
    expect(messages(withCase)).toEqual([expect.stringMatching(expected)]);
    const withoutCase = await verifyBundle(dir, null);
    expect(withoutCase.ok).toBe(false);
    expect(messages(withoutCase)).toEqual([expect.stringMatching(expected)]);
  });

  it('fails an edited CSV schedule even when manifest.json was rehashed to match it', async () => {
    const dir = copy();
    const csv = join(dir, 'schedule.csv');
    const original = readFileSync(csv, 'utf8');
    expect(original).toContain('Fiona Laird');
    writeFileSync(csv, original.replace('Fiona Laird', 'Fiona Baird'));
    rehashManifest(dir);
    expect(await verifyBundle(dir, null)).toMatchObject({ ok: true });
    const report = await verifyRecordedBundle(session.db, dir);
    expect(report.ok).toBe(false);
    expect(messages(report)).toContainEqual(
      expect.stringMatching(/^schedule\.csv has changed since export: its SHA-256 is not the one the case recorded/),
    );
  });

  it('fails an edited XLSX schedule even when manifest.json was rehashed to match it', async () => {
    const dir = copy();
    const xlsx = join(dir, 'schedule.xlsx');
    const book = new ExcelJS.Workbook();
    const bytes = readFileSync(xlsx);
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('the schedule has no sheet');
    sheet.getCell('A2').value = 'INQ000000099';
    writeFileSync(xlsx, Buffer.from(await book.xlsx.writeBuffer()));
    rehashManifest(dir);
    const report = await verifyRecordedBundle(session.db, dir);
    expect(report.ok).toBe(false);
    expect(messages(report)).toContainEqual(
      expect.stringMatching(/^schedule\.xlsx has changed since export: its SHA-256 is not the one the case recorded/),
    );
  });

  it('fails a folder missing a file the case recorded, though manifest.json no longer lists it', async () => {
    const dir = copy();
    unlinkSync(join(dir, 'schedule.xlsx'));
    rehashManifest(dir, (name) => name !== 'schedule.xlsx');
    const report = await verifyRecordedBundle(session.db, dir);
    expect(report.ok).toBe(false);
    expect(messages(report)).toContainEqual(expect.stringMatching(/^schedule\.xlsx is missing: the case recorded it at export/));
  });

  it('on the CLI: exit 1 naming the edited file', async () => {
    const dir = copy();
    const csv = join(dir, 'schedule.csv');
    writeFileSync(csv, readFileSync(csv, 'utf8').replace('Fiona Laird', 'Fiona Baird'));
    rehashManifest(dir);
    let err = '';
    const code = await runCli(['verify', dir, '--case', session.path], { out: () => undefined, err: (t) => void (err += `${t}\n`) });
    expect(code).toBe(1);
    expect(err).toMatch(/schedule\.csv has changed since export: its SHA-256 is not the one the case recorded/);
  });
});
