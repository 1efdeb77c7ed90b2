/**
 * An export works on one snapshot of the case (issue 13, "what was seen" 3): a redaction made while it
 * runs is never silently left out. The export reads the case as it stood when it began and, before it
 * records anything, compares that state with the live case; if the case changed meanwhile it fails,
 * leaves no folder and records nothing.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli';
import { closeCase, openCase, type CaseSession } from '../../../main/cases/service';
import { createDispatch } from '../../../main/dispatch';
import { CaseChangedDuringExportError, exportBundle } from '../../../main/export/run';
import { createHandlers, type HandlerSet } from '../../../main/handlers';
import type { Envelope, EventName, PayloadOf } from '../../../common/contract';
import { testHost } from '../../helpers/host';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase, redactInBodies, type FixtureCase } from './fixture-case';
import { exportSettings } from './settings';

/** Said by a produced message of the fixture, redacted by "another reviewer" while the export runs. */
const LATE = 'Setting this up';

let reviewed = '';
beforeAll(async () => {
  reviewed = mkdtempSync(join(tmpdir(), 'dd-snapshot-case-'));
  closeCase((await fixtureCase(reviewed)).session);
});
afterAll(() => rmSync(reviewed, { recursive: true, force: true }));

function fixtureCopy(dir: string): string {
  copyFileSync(join(reviewed, 'case.ddcase'), join(dir, 'case.ddcase'));
  return join(dir, 'case.ddcase');
}

/** Another window or process on the same case redacts LATE in every body. */
function redactFromAnotherConnection(casePath: string): void {
  const other = openCase(casePath);
  try {
    redactInBodies({ session: other } as FixtureCase, LATE, 'personal-third-party');
  } finally {
    closeCase(other);
  }
}

function expectNothingRecorded(casePath: string, parent: string): void {
  const session = openCase(casePath, { readOnly: true });
  try {
    expect(session.db.prepare('SELECT count(*) FROM bundles').pluck().get()).toBe(0);
    expect(
      session.db.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'bundle.export%' OR action = 'bundle.reissued'").pluck().get(),
    ).toBe(0);
  } finally {
    closeCase(session);
  }
  expect(readdirSync(parent).filter((name) => name.includes('.partial-') || name === 'bundle')).toEqual([]);
}

describe('a redaction made while an export runs', () => {
  const tempDir = useTempDir('dd-snapshot-');

  it('fails the export with "the case changed during export", leaving no folder and recording nothing; run again, the bundle has it', async () => {
    const dir = tempDir();
    const casePath = fixtureCopy(dir);
    const session: CaseSession = openCase(casePath);
    const out = join(dir, 'bundle');
    const run = (extra: Partial<Parameters<typeof exportBundle>[3]> = {}) =>
      exportBundle(session.writable!, session.meta, exportSettings(out, { xlsx: false }), {
        actor: 'test-reviewer',
        appVersion: '0.0.0-test',
        casePath,
        acknowledged: 'as-listed',
        ...extra,
      });
    const failure = await run({ beforeVerify: () => redactFromAnotherConnection(casePath) }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(CaseChangedDuringExportError);
    expect((failure as Error).message).toMatch(/^The case changed during export; run it again/);
    expectNothingRecorded(casePath, dir);

    const again = await run();
    expect(again.verification.ok).toBe(true);
    expect(again.verification.checkedStrings).toBeGreaterThan(0);
    closeCase(session);
  });

  it('a bundle that cannot be recorded once in place is not left in its folder', async () => {
    const dir = tempDir();
    const casePath = fixtureCopy(dir);
    const session: CaseSession = openCase(casePath);
    // What a full disk or a damaged case would do to the insert, after the files were moved into place.
    session.writable!.exec(
      "CREATE TEMP TRIGGER refuse_bundle BEFORE INSERT ON main.bundles BEGIN SELECT RAISE(ABORT, 'the case refused the bundle'); END",
    );
    const out = join(dir, 'bundle');
    await expect(
      exportBundle(session.writable!, session.meta, exportSettings(out, { xlsx: false }), {
        actor: 'test-reviewer',
        appVersion: '0.0.0-test',
        casePath,
        acknowledged: 'as-listed',
      }),
    ).rejects.toThrow('the case refused the bundle');
    closeCase(session);
    expectNothingRecorded(casePath, dir);
  });

  it('on the CLI: exit 1 with the reason, never "Written to"', async () => {
    const dir = tempDir();
    const casePath = fixtureCopy(dir);
    let out = '';
    let err = '';
    // Once the export has begun writing (its snapshot long taken), the case changes under it.
    let changed = false;
    const watch = setInterval(() => {
      if (changed || !readdirSync(dir).some((name) => name.includes('.partial-'))) return;
      changed = true;
      redactFromAnotherConnection(casePath);
    }, 1);
    const code = await runCli(['export', casePath, '--out', join(dir, 'bundle'), '--accept-warnings', '--no-xlsx'], {
      out: (t) => void (out += `${t}\n`),
      err: (t) => void (err += `${t}\n`),
    }).finally(() => clearInterval(watch));
    expect(changed).toBe(true);
    expect(code).toBe(1);
    expect(err).toMatch(/The case changed during export; run it again/);
    expect(out).not.toMatch(/Written/);
    expectNothingRecorded(casePath, dir);
  });

  describe('through the app (export job in its worker)', () => {
    const sets: HandlerSet[] = [];
    afterEach(() => sets.splice(0).forEach((s) => s.dispose()));

    it('reports the export failed with the reason, and the case lists no bundle', async () => {
      const dir = tempDir();
      const casePath = fixtureCopy(dir);
      let finish: (f: PayloadOf<'export.finished'>) => void = () => undefined;
      const finished = new Promise<PayloadOf<'export.finished'>>((resolve) => (finish = resolve));
      let changed = false;
      const set = createHandlers({
        ...testHost(dir),
        emit: (event: EventName, payload: unknown) => {
          // The first progress report comes once the worker has taken its snapshot; the redaction
          // commits before the worker can have drawn and verified the bundle.
          if (event === 'export.progress' && !changed) {
            changed = true;
            redactFromAnotherConnection(casePath);
          }
          if (event === 'export.finished') finish(payload as PayloadOf<'export.finished'>);
        },
      });
      sets.push(set);
      const dispatch = createDispatch(set.handlers);
      const value = <T>(envelope: Envelope<unknown>): T => {
        if (!envelope.ok) throw new Error(`${envelope.error.name}: ${envelope.error.message}`);
        return envelope.value as T;
      };
      value(await dispatch('case.open', { path: casePath }));
      const check = value<{ fingerprint: string }>(await dispatch('export.check', { settings: {} }));
      value(await dispatch('export.start', { settings: { outputDir: join(dir, 'bundle'), xlsx: false }, acknowledged: check.fingerprint }));
      const done = await finished;
      expect(changed).toBe(true);
      expect(done).toMatchObject({ ok: false, cancelled: false, error: { name: 'CaseChangedDuringExportError' } });
      expect(done.error?.message).toMatch(/^The case changed during export; run it again/);
      expect(value(await dispatch('export.list', {}))).toEqual([]);
      expect(existsSync(join(dir, 'bundle'))).toBe(false);
      expect(readdirSync(dir).filter((name) => name.includes('.partial-'))).toEqual([]);
    });
  });
});
