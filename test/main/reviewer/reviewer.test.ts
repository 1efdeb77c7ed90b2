import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveReviewer } from '../../../main/actor';
import { closeCase } from '../../../main/cases/service';
import { loadReviewer, saveReviewer } from '../../../main/cases/reviewer-setting';
import { createDispatch } from '../../../main/dispatch';
import { checkReviewerName, reviewerNameProblem } from '../../../common/domain/reviewer-name';
import { createHandlers, type HandlerSet } from '../../../main/handlers';
import type { Envelope } from '../../../common/contract';
import { makeCase } from '../../helpers/case';
import { testHost } from '../../helpers/host';
import { useTempDir } from '../../helpers/temp';
import { seedConversation } from '../review/seed';

describe('a reviewer name', () => {
  it('is trimmed and normalised, and may be in any script', () => {
    expect(checkReviewerName('  Priya Shah ')).toBe('Priya Shah');
    expect(checkReviewerName('Sio\u0302n Ap Rhys')).toBe('Siôn Ap Rhys');
    expect(checkReviewerName('Ниночка Ёлкина')).toBe('Ниночка Ёлкина');
    expect(checkReviewerName('x'.repeat(100))).toHaveLength(100);
  });

  it('is refused when empty, too long, or holding control or text-direction characters', () => {
    expect(reviewerNameProblem('   ')).toBe('is empty');
    expect(reviewerNameProblem('x'.repeat(101))).toMatch(/longer than 100/);
    for (const bad of ['Priya\nShah', 'Priya\u0000', 'Tab\there', '\u202eevilA', 'Al\u2066ice', 'a\u200fb', 'line\u2028break']) {
      expect(reviewerNameProblem(bad), JSON.stringify(bad)).toMatch(/control or text-direction/);
    }
    expect(() => checkReviewerName('\u202eevil')).toThrow(/InvalidReviewerNameError|reviewer name contains a control/);
  });
});

describe('the stored reviewer name', () => {
  const tempDir = useTempDir();

  it('is kept owner-only in the settings folder and read back', () => {
    const dir = tempDir();
    expect(loadReviewer(dir)).toBeNull();
    expect(saveReviewer(dir, ' Priya Shah ')).toBe('Priya Shah');
    expect(loadReviewer(dir)).toBe('Priya Shah');
    expect(statSync(join(dir, 'reviewer.json')).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(join(dir, 'reviewer.json'), 'utf8'))).toMatchObject({ name: 'Priya Shah' });
  });

  it('refuses a bad name and keeps the one stored', () => {
    const dir = tempDir();
    saveReviewer(dir, 'Priya Shah');
    expect(() => saveReviewer(dir, '')).toThrow(/is empty/);
    expect(loadReviewer(dir)).toBe('Priya Shah');
  });

  it('counts as not given when the file is corrupt or holds a bad name', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'reviewer.json'), '{"name":"a\\u202eb"}');
    expect(loadReviewer(dir)).toBeNull();
    writeFileSync(join(dir, 'reviewer.json'), 'not json');
    expect(loadReviewer(dir)).toBeNull();
  });

  it('resolves as given, else stored, else the OS user', () => {
    const dir = tempDir();
    expect(resolveReviewer(undefined, dir, () => 'osuser')).toBe('osuser');
    saveReviewer(dir, 'Priya Shah');
    expect(resolveReviewer(undefined, dir, () => 'osuser')).toBe('Priya Shah');
    expect(resolveReviewer('Sam Okafor', dir, () => 'osuser')).toBe('Sam Okafor');
    expect(() => resolveReviewer(' ', dir)).toThrow(/is empty/);
  });
});

const value = <T>(envelope: Envelope<unknown>): T => {
  if (!envelope.ok) throw new Error(`expected success, got ${envelope.error.name}: ${envelope.error.message}`);
  return envelope.value as T;
};

describe('the reviewer channels', () => {
  const tempDir = useTempDir();
  const sets: HandlerSet[] = [];
  afterEach(() => sets.splice(0).forEach((s) => s.dispose()));

  const open = async (settingsDir: string, casePath: string) => {
    const set = createHandlers(testHost(settingsDir));
    sets.push(set);
    const dispatch = createDispatch(set.handlers);
    value(await dispatch('case.open', { path: casePath }));
    return dispatch;
  };

  it('asks until a name is given, then records it on every decision, redaction and audit entry, and on the next start', async () => {
    const dir = tempDir();
    const session = makeCase(dir);
    const { ids } = seedConversation(session.writable!, 'Fiona Laird', 3);
    closeCase(session);
    const settings = join(dir, 'settings');
    const dispatch = await open(settings, session.path);
    expect(value(await dispatch('reviewer.get', {}))).toEqual({ stored: null, current: 'test-reviewer', suggested: 'test-reviewer' });

    expect(await dispatch('reviewer.set', { name: 'Pri\u202eya' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/control or text-direction/) },
    });
    expect(value(await dispatch('reviewer.set', { name: '  Priya Shah  ' }))).toEqual({
      stored: 'Priya Shah',
      current: 'Priya Shah',
      suggested: 'test-reviewer',
    });
    expect(value(await dispatch('app.info', {}))).toMatchObject({ user: 'Priya Shah' });

    value(await dispatch('review.decide', { selector: { kind: 'ids', ids: [ids[0]] }, change: { outcome: 'disclose' } }));
    value(await dispatch('redactions.add', { kind: 'span', messageId: ids[1], start: 0, end: 7, reasonCode: 'personal-contact' }));
    const [event] = value<{ actor: string }[]>(await dispatch('review.history', { messageId: ids[0] }));
    expect(event?.actor).toBe('Priya Shah');
    const redactions = value<{ createdBy: string }[]>(await dispatch('redactions.list', { kind: 'message', messageId: ids[1] }));
    expect(redactions.map((r) => r.createdBy)).toEqual(['Priya Shah']);
    const audit = value<{ entries: { action: string; actor: string }[] }>(await dispatch('audit.page', {}));
    expect(audit.entries.slice(0, 2)).toEqual([
      expect.objectContaining({ action: 'redaction.added', actor: 'Priya Shah' }),
      expect.objectContaining({ action: 'review.decided', actor: 'Priya Shah' }),
    ]);

    // Changed later: the next change records the new name.
    value(await dispatch('reviewer.set', { name: 'Sam Okafor' }));
    value(await dispatch('review.decide', { selector: { kind: 'ids', ids: [ids[2]] }, change: { outcome: 'withhold' } }));
    expect(value<{ entries: { actor: string }[] }>(await dispatch('audit.page', { limit: 1 })).entries[0]?.actor).toBe('Sam Okafor');

    sets.splice(0).forEach((s) => s.dispose());
    const again = await open(settings, session.path);
    expect(value(await again('reviewer.get', {}))).toMatchObject({ stored: 'Sam Okafor', current: 'Sam Okafor' });
  });
});
