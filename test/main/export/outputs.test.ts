/**
 * An export output is one module plus one registry entry: this file defines a toy output and
 * registers it here, changing nothing else, then runs an export through the export job as the app
 * starts it. The toy reads only the selection's items, so what it writes is the case minus exactly
 * what the reviewer held back, and it is recorded like any bundle.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CancellationTokenSource, isCancelled } from '../../../common/domain/cancellation';
import { printedLabelText } from '../../../main/redact/printed-labels';
import { ExportSettingsSchema } from '../../../common/contract/channels/export';
import type { RedactedStream, RedactedText } from '../../../common/domain/redaction';
import { closeCaseFile, openCaseFile } from '../../../db/connection';
import { listBundles } from '../../../db/queries/export';
import { bundleItems } from '../../../db/queries/leak-causes';
import { closeCase, openCase } from '../../../main/cases/service';
import { runCli } from '../../../main/cli';
import { exportJobs } from '../../../main/export/jobs';
import type { Needle } from '../../../main/export/leaks';
import { checkableNeedles, findLeaks } from '../../../main/export/leaks';
import { registerOutput, UnknownOutputError } from '../../../main/export/outputs';
import type { ExportOutput, PlacedItem } from '../../../main/export/outputs/output';
import { exportBundle, type ExportResult } from '../../../main/export/run';
import { toExportSettings } from '../../../main/export/settings';
import { BundleVerificationError } from '../../../main/export/verify';
import { createJobs } from '../../../main/jobs/jobs';
import { JobFailedError, type Launch } from '../../../main/jobs/runner';
import type { Outcome } from '../../../main/jobs/outcome';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase } from './fixture-case';
import { exportSettings } from './settings';

const ITEMS_FILE = 'items.jsonl';

/** A message's text as the toy writes it: each box as its reason, a streamed body read piece by piece. */
const printed = (text: RedactedText | RedactedStream): string =>
  text.kind === 'whole'
    ? `[REDACTED: ${text.label}]`
    : [...text.segments].map((s) => (s.kind === 'text' ? s.text : `[REDACTED: ${s.label}]`)).join('');

/** One line per item, then a search of the file for everything the items' redactions hide. */
const toyOutput: ExportOutput = {
  id: 'toy-lines',
  label: 'Item lines',
  writes: 'items.jsonl: one line per selected item, its text as redacted.',
  async produce(selection, _settings, { dir, onProgress }) {
    const hidden: Needle[] = [];
    const lines: string[] = [];
    const placed: PlacedItem[] = [];
    for (const doc of selection.documents) {
      for (const item of selection.items(doc, (needle) => hidden.push(needle))) {
        if (item.kind === 'withheld')
          lines.push(JSON.stringify({ reference: doc.reference, messageId: item.message.id, withheld: item.reason }));
        else {
          lines.push(
            JSON.stringify({
              reference: doc.reference,
              messageId: item.message.id,
              sender: printedLabelText(item.sender),
              text: printed(item.text),
            }),
          );
          placed.push({ messageId: item.message.id, reference: doc.reference, start: 1, end: 1 });
        }
      }
      onProgress({ phase: 'writing', pages: 0, totalPages: 0 });
    }
    const body = `${lines.join('\n')}\n`;
    writeFileSync(join(dir, ITEMS_FILE), body, { mode: 0o600 });
    const { needles, unchecked } = checkableNeedles(hidden);
    const leaks = findLeaks([{ text: readFileSync(join(dir, ITEMS_FILE), 'utf8') }], needles);
    const sha = createHash('sha256').update(body).digest('hex');
    return {
      files: [{ name: ITEMS_FILE, role: 'item-lines', bytes: Buffer.byteLength(body), sha256: sha }],
      written: [{ name: ITEMS_FILE, sha256: sha }],
      pages: 0,
      placed,
      verification: {
        ok: leaks.length === 0,
        pages: 0,
        documents: selection.documents.length,
        scheduleRows: 0,
        checkedStrings: needles.length,
        tooShortToCheck: unchecked,
        leakCheck: true,
        problems: [],
      },
    };
  },
};

/** A faulty toy: it writes what the items' redactions hide, and its own check finds it. */
const leakyOutput: ExportOutput = {
  ...toyOutput,
  id: 'toy-leaky',
  async produce(selection, settings, ctx) {
    const produced = await toyOutput.produce(selection, settings, ctx);
    const hidden: string[] = [];
    for (const doc of selection.documents) for (const _item of selection.items(doc, (needle) => hidden.push(needle.text)));
    writeFileSync(join(ctx.dir, ITEMS_FILE), hidden.join('\n'));
    const leaks = findLeaks(
      [{ text: hidden.join('\n') }],
      checkableNeedles(hidden.map((text) => ({ text, source: { kind: 'withheld-item', messageId: 0 } }))).needles,
    );
    return { ...produced, verification: { ...produced.verification, ok: leaks.length === 0 } };
  },
};

for (const output of [toyOutput, leakyOutput]) afterAll(registerOutput(output));

/** Runs a job kind in this process, as the worker thread would (main/jobs/worker-host.ts). */
const inProcess: Launch = (kind, casePath, data) => {
  const source = new CancellationTokenSource();
  const run = async (): Promise<never> => {
    const { db, writable } = openCaseFile(casePath);
    try {
      return (await kind.run({ path: casePath, db, writable }, data, { token: source.token, progress: () => undefined })) as never;
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      throw new JobFailedError({ name: error.name, message: error.message, cancelled: isCancelled(error) });
    } finally {
      closeCaseFile(db);
    }
  };
  return { done: run(), cancel: () => source.cancel() };
};

describe('export outputs', () => {
  const tempDir = useTempDir('dd-export-outputs-');

  it('runs an output registered by a test through the export job, and records its bundle like any other', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const casePath = fc.session.path;
    const meta = fc.session.meta;
    closeCase(fc.session);

    const out = join(dir, 'lines');
    let finish: (outcome: Outcome<ExportResult>) => void = () => undefined;
    const finished = new Promise<Outcome<ExportResult>>((resolve) => (finish = resolve));
    const jobs = exportJobs((event, payload) => {
      if (event === 'export.finished') {
        const p = payload as { ok: boolean; result: ExportResult | null; error: { name: string; message: string } | null };
        finish(
          p.ok
            ? { ok: true, result: p.result as ExportResult }
            : { ok: false, cancelled: false, error: p.error ?? { name: '', message: '' }, details: null },
        );
      }
    }, createJobs(inProcess));
    const settings = toExportSettings(ExportSettingsSchema.parse({ outputDir: out, firstNumber: 1, output: 'toy-lines' }), meta);
    jobs.start(casePath, { actor: 'test-reviewer', appVersion: '0.0.0-test', settings, acknowledged: null });
    const outcome = await finished;
    if (!outcome.ok) throw new Error(`${outcome.error.name}: ${outcome.error.message}`);
    const result = outcome.result;

    expect(result).toMatchObject({
      firstReference: 'INQ000000001',
      produced: fc.produced.length + 2,
      pages: 0,
      verification: { ok: true, leakCheck: true },
    });
    expect(result.files.map((f) => [f.name, f.role])).toEqual([[ITEMS_FILE, 'item-lines']]);
    // Only the toy's file: no PDF, schedule or manifest, and no partial folder left beside it.
    expect(readdirSync(out)).toEqual([ITEMS_FILE]);
    expect(readdirSync(dirname(out)).filter((name) => name.includes('lines'))).toEqual(['lines']);

    const written = readFileSync(join(out, ITEMS_FILE), 'utf8');
    for (const body of fc.produced) expect(written).toContain(JSON.stringify(body).slice(1, -1));
    for (const hidden of [...fc.redacted, ...fc.withheld]) expect(written).not.toContain(JSON.stringify(hidden).slice(1, -1));
    expect(written).toContain('[REDACTED: ');
    expect(written.split('\n').filter((line) => line.includes('"withheld"'))).toHaveLength(fc.withheld.length);

    const session = openCase(casePath);
    try {
      const [bundle] = listBundles(session.db);
      expect(listBundles(session.db)).toHaveLength(1);
      expect(bundle).toMatchObject({
        id: result.bundleId,
        outputDir: out,
        pageCount: 0,
        items: result.produced,
        firstNumber: 1,
        lastNumber: result.documents,
      });
      const recorded = bundleItems(session.db, result.bundleId);
      expect(recorded).toHaveLength(result.produced);
      expect(recorded.every((i) => i.reference >= result.firstReference && i.reference <= result.lastReference)).toBe(true);
    } finally {
      closeCase(session);
    }
  });

  it('refuses an output nobody registered before anything is written, naming the ones there are', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const out = join(dir, 'nothing');
    const attempt = exportBundle(fc.session.writable!, fc.session.meta, exportSettings(out, { output: 'load-file' }), {
      actor: 'test-reviewer',
      appVersion: '0.0.0-test',
      casePath: fc.session.path,
    });
    await expect(attempt).rejects.toThrow(UnknownOutputError);
    await expect(attempt).rejects.toThrow(/"load-file".*pdf-bundle, rsmf, toy-lines, toy-leaky/u);
    expect(existsSync(out)).toBe(false);
    expect(listBundles(fc.session.db)).toHaveLength(0);
    closeCase(fc.session);
  });

  it('never records or leaves the files of an output whose own check failed', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const out = join(dir, 'leaky');
    const attempt = exportBundle(fc.session.writable!, fc.session.meta, exportSettings(out, { output: 'toy-leaky' }), {
      actor: 'test-reviewer',
      appVersion: '0.0.0-test',
      casePath: fc.session.path,
    });
    await expect(attempt).rejects.toThrow(BundleVerificationError);
    expect(readdirSync(dir).filter((name) => name.includes('leaky'))).toEqual([]);
    expect(listBundles(fc.session.db)).toHaveLength(0);
    closeCase(fc.session);
  });

  it('lets a script name the output, and refuses one that does not exist with exit code 1', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    closeCase(fc.session);
    let err = '';
    const io = { out: () => undefined, err: (t: string) => void (err += `${t}\n`) };
    expect(await runCli(['export', fc.session.path, '--out', join(dir, 'load'), '--output', 'load-file'], io)).toBe(1);
    expect(err).toMatch(/There is no export output "load-file"/u);
    expect(existsSync(join(dir, 'load'))).toBe(false);
    expect(await runCli(['export', fc.session.path, '--out', join(dir, 'lines'), '--output', 'toy-lines'], io)).toBe(0);
    expect(readdirSync(join(dir, 'lines'))).toEqual([ITEMS_FILE]);
  });

  it('makes the PDF bundle when the settings name no output', () => {
    expect(ExportSettingsSchema.parse({ outputDir: '/tmp/b' }).output).toBe('pdf-bundle');
    expect(ExportSettingsSchema.safeParse({ outputDir: '/tmp/b', output: '../pdf' }).success).toBe(false);
  });
});
