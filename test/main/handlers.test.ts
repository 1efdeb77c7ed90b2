import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../common/contract';
import { createDispatch } from '../../main/dispatch';
import { createHandlers, type HandlerSet } from '../../main/handlers';
import { testHost } from '../helpers/host';
import { useTempDir } from '../helpers/temp';

const value = <T>(envelope: Envelope<unknown>): T => {
  if (!envelope.ok) throw new Error(`expected success, got ${envelope.error.name}: ${envelope.error.message}`);
  return envelope.value as T;
};

describe('handlers behind the dispatch', () => {
  const tempDir = useTempDir();
  const sets: HandlerSet[] = [];
  afterEach(() => sets.splice(0).forEach((s) => s.dispose()));

  const setup = (dialogPath: string | null = null) => {
    const dir = tempDir();
    const set = createHandlers(testHost(dir, { native: true, chooseCasePath: async () => dialogPath }));
    sets.push(set);
    return { dir, dispatch: createDispatch(set.handlers) };
  };

  it('creates a case, summarises it, lists it as recent, closes and reopens it', async () => {
    const { dir, dispatch } = setup();
    const path = join(dir, 'module2.ddcase');
    const info = value<{ name: string; path: string; readOnly: boolean }>(
      await dispatch('case.create', { path, name: 'Module 2', inquiry: 'UK Covid-19 Inquiry' }),
    );
    expect(info).toMatchObject({ name: 'Module 2', path, readOnly: false });

    const summary = value<{ counts: Record<string, number> }>(await dispatch('case.summary', {}));
    expect(summary.counts).toMatchObject({
      custodians: 0,
      sources: 0,
      conversations: 0,
      messages: 0,
      participants: 0,
      attachments: 0,
      auditEntries: 1,
    });

    expect(value<{ path: string; exists: boolean }[]>(await dispatch('case.recent', {}))).toEqual([
      expect.objectContaining({ path, name: 'Module 2', exists: true }),
    ]);
    value(await dispatch('case.close', {}));
    expect(value(await dispatch('case.current', {}))).toBeNull();
    expect(await dispatch('case.summary', {})).toEqual({
      ok: false,
      error: { name: 'NoCaseOpenError', message: expect.stringContaining('No case is open') },
    });

    expect(value<{ name: string }>(await dispatch('case.open', { path }))).toMatchObject({ name: 'Module 2' });
    expect(value<{ name: string }>(await dispatch('case.current', {}))).toMatchObject({ name: 'Module 2' });
  });

  it('rejects a bad payload before any handler runs, and creates nothing', async () => {
    const { dir, dispatch } = setup();
    const path = join(dir, 'bad.ddcase');
    const result = await dispatch('case.create', { path, name: '', referencePrefix: 'bad prefix' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({
      name: 'InvalidPayloadError',
      message: expect.stringMatching(/case\.create:[\s\S]*name is required[\s\S]*capital letters/),
    });
    expect(existsSync(path)).toBe(false);
  });

  it('rejects unknown channels and non-object payloads', async () => {
    const { dispatch } = setup();
    expect(await dispatch('case.delete', {})).toMatchObject({ ok: false, error: { name: 'InvalidPayloadError' } });
    expect(await dispatch('case.open', 'not an object')).toMatchObject({ ok: false, error: { name: 'InvalidPayloadError' } });
    expect(await dispatch('case.open', { path: 42 })).toMatchObject({ ok: false, error: { name: 'InvalidPayloadError' } });
  });

  it('reports main-side failures in plain words', async () => {
    const { dir, dispatch } = setup();
    const path = join(dir, 'twice.ddcase');
    value(await dispatch('case.create', { path, name: 'Once' }));
    expect(await dispatch('case.create', { path, name: 'Twice' })).toEqual({
      ok: false,
      error: { name: 'CaseExistsError', message: expect.stringContaining('A file already exists') },
    });
    expect(await dispatch('case.open', { path: join(dir, 'gone.ddcase') })).toMatchObject({
      ok: false,
      error: { name: 'CaseNotFoundError' },
    });
  });

  it('forgets a recent case that has been moved away', async () => {
    const { dir, dispatch } = setup();
    const path = join(dir, 'x.ddcase');
    value(await dispatch('case.create', { path, name: 'X' }));
    expect(value<unknown[]>(await dispatch('case.forgetRecent', { path }))).toEqual([]);
  });

  it('answers the dialog channel from the host adapter', async () => {
    const { dispatch } = setup('/chosen/by/user.ddcase');
    expect(value(await dispatch('dialog.chooseCasePath', { purpose: 'open' }))).toEqual({ path: '/chosen/by/user.ddcase' });
    expect(value<{ nativeDialogs: boolean }>(await dispatch('app.info', {})).nativeDialogs).toBe(true);
  });

  it('refuses to return a result the contract does not declare', async () => {
    const { dir } = setup();
    const { handlers } = createHandlers(testHost(dir));
    const leaky = createDispatch({ ...handlers, 'app.info': async () => ({ ...(await handlers['app.info']({})), secret: 'case path' }) });
    expect(await leaky('app.info', {})).toMatchObject({ ok: false });
  });
});
