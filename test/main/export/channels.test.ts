import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { decide } from '../../../main/review/decisions';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { createDispatch } from '../../../main/dispatch';
import { createHandlers, type HandlerSet } from '../../../main/handlers';
import { exportEvents } from '../../../common/contract/channels/export';
import type { Envelope, EventName, PayloadOf } from '../../../common/contract';
import { testHost } from '../../helpers/host';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase, redactInBodies } from './fixture-case';

const value = <T>(envelope: Envelope<unknown>): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.name}: ${envelope.error.message}`);
  return envelope.value as T;
};

describe('export through the app contract', () => {
  const tempDir = useTempDir('dd-export-channels-');
  const sets: HandlerSet[] = [];
  afterEach(() => sets.splice(0).forEach((s) => s.dispose()));

  it('previews layout as data, exports in a worker with page progress, lists and re-verifies the bundle', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    closeCase(fc.session);
    const progress: PayloadOf<'export.progress'>[] = [];
    let finish: (f: PayloadOf<'export.finished'>) => void = () => undefined;
    const finished = new Promise<PayloadOf<'export.finished'>>((resolve) => (finish = resolve));
    const set = createHandlers({
      ...testHost(dir),
      emit: (event: EventName, payload: unknown) => {
        if (event === 'export.progress') progress.push(payload as PayloadOf<'export.progress'>);
        if (event === 'export.finished') finish(payload as PayloadOf<'export.finished'>);
      },
    });
    sets.push(set);
    const dispatch = createDispatch(set.handlers);
    value(await dispatch('case.open', { path: fc.session.path }));

    const preview = value<{ pages: { pieces: { kind: string; text?: string }[] }[]; produced: number }>(
      await dispatch('export.preview', { settings: {}, pages: 2 }),
    );
    expect(preview.pages).toHaveLength(2);
    expect(preview.produced).toBe(fc.produced.length + 2);
    const previewText = preview.pages.flatMap((p) => p.pieces.map((x) => x.text ?? '')).join(' ');
    for (const hidden of fc.redacted) expect(previewText).not.toContain(hidden);

    const out = join(dir, 'bundle');
    const { jobId } = value<{ jobId: string }>(await dispatch('export.start', { settings: { outputDir: out, firstNumber: 7 } }));
    const done = await finished;
    expect(done).toMatchObject({ jobId, ok: true, result: { firstReference: 'INQ000000007', verification: { ok: true } } });
    expect(progress.some((p) => p.phase === 'drawing' || p.phase === 'writing')).toBe(true);
    expect(existsSync(out)).toBe(true);

    const bundles = value<{ id: number; pageCount: number }[]>(await dispatch('export.list', {}));
    expect(bundles).toHaveLength(1);
    expect(value(await dispatch('export.verify', { dir: out }))).toMatchObject({ ok: true, leakCheck: true, pages: bundles[0]?.pageCount });

    // The folder is named by the bundle's id, never by a path the renderer sends; this host has no file manager.
    const bundleId = bundles[0]?.id ?? 0;
    expect(await dispatch('export.openFolder', { bundleId })).toMatchObject({
      ok: false,
      error: { message: `This window cannot open folders. The bundle is in ${out}` },
    });
    expect(await dispatch('export.openFolder', { bundleId: bundleId + 1 })).toMatchObject({
      ok: false,
      error: { message: `There is no bundle #${bundleId + 1} in this case.` },
    });
  });

  it('sends the report of an export refused by verification, with its failures as data the screen can act on', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    redactInBodies(fc, '+44 7700 900555', 'personal-contact');
    closeCase(fc.session);
    let finish: (f: unknown) => void = () => undefined;
    const finished = new Promise<unknown>((resolve) => (finish = resolve));
    const set = createHandlers({
      ...testHost(dir),
      emit: (event: EventName, payload: unknown) => event === 'export.finished' && finish(payload),
    });
    sets.push(set);
    const dispatch = createDispatch(set.handlers);
    value(await dispatch('case.open', { path: fc.session.path }));
    value(await dispatch('export.start', { settings: { outputDir: join(dir, 'bundle') } }));
    const done = exportEvents['export.finished'].payload.parse(await finished);
    expect(done).toMatchObject({ ok: false, error: { name: 'BundleVerificationError', verification: { ok: false } } });
    const [problem] = done.error?.verification?.problems ?? [];
    expect(problem).toMatchObject({
      check: 'leak',
      leak: { hidden: { kind: 'redacted-text', reason: 'Personal data (contact details)' }, causes: [{ kind: 'sender-name' }] },
    });
  });

  it('checks what an export would number and list, refuses an unacknowledged list, and exports once its fingerprint is sent', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const id = fc.session.db.prepare("SELECT id FROM messages WHERE instr(body, 'Setting this up') > 0").pluck().get() as number;
    decide(
      fc.session.writable!,
      DecideArgsSchema.parse({ selector: { kind: 'ids', ids: [id] }, change: { classification: 'personal' } }),
      'test-reviewer',
    );
    closeCase(fc.session);
    const finishes: PayloadOf<'export.finished'>[] = [];
    const set = createHandlers({
      ...testHost(dir),
      emit: (event: EventName, payload: unknown) =>
        void (event === 'export.finished' && finishes.push(payload as PayloadOf<'export.finished'>)),
    });
    sets.push(set);
    const dispatch = createDispatch(set.handlers);
    value(await dispatch('case.open', { path: fc.session.path }));

    const check = value<{
      firstReference: string;
      draft: boolean;
      warnings: { messageId: number; reference: string }[];
      fingerprint: string;
    }>(await dispatch('export.check', { settings: {} }));
    expect(check).toMatchObject({ firstReference: 'INQ000000001', draft: false, warnings: [{ messageId: id, reference: 'INQ000000001' }] });

    value(await dispatch('export.start', { settings: { outputDir: join(dir, 'refused') } }));
    await expect.poll(() => finishes.length, { timeout: 20_000 }).toBe(1);
    expect(finishes[0]).toMatchObject({ ok: false, error: { name: 'UnacknowledgedWarningsError' } });
    expect(existsSync(join(dir, 'refused'))).toBe(false);

    value(await dispatch('export.start', { settings: { outputDir: join(dir, 'bundle') }, acknowledged: check.fingerprint }));
    await expect.poll(() => finishes.length, { timeout: 20_000 }).toBe(2);
    expect(finishes[1]).toMatchObject({ ok: true, result: { firstReference: 'INQ000000001', warnings: [{ messageId: id }] } });
    expect(value(await dispatch('export.list', {}))).toMatchObject([
      { draft: false, version: 1, firstNumber: 1, lastNumber: 1, warningsAcknowledged: 1 },
    ]);
    expect(value(await dispatch('export.check', { settings: {} }))).toMatchObject({ firstReference: 'INQ000000002' });
    expect(await dispatch('export.check', { settings: { firstNumber: 1 } })).toMatchObject({
      ok: false,
      error: { name: 'ReferenceOverlapError' },
    });
  });
});
