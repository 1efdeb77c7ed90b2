import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentUser } from '../../../main/actor';
import { saveReviewer } from '../../../main/cases/reviewer-setting';
import { closeCase } from '../../../main/cases/service';
import { runCli } from '../../../main/cli';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';
import { seedConversation } from '../review/seed';

async function cli(settingsDir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, { settingsDir });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const actors = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return {
      audit: db.prepare("SELECT actor FROM audit_log WHERE action != 'case.created' ORDER BY id").pluck().all() as string[],
      events: db.prepare('SELECT DISTINCT actor FROM review_events ORDER BY id').pluck().all() as string[],
      redactions: db.prepare('SELECT created_by FROM redactions ORDER BY id').pluck().all() as string[],
    };
  } finally {
    db.close();
  }
};

describe('the CLI reviewer', () => {
  const tempDir = useTempDir();

  const seeded = () => {
    const dir = tempDir();
    const session = makeCase(dir);
    const { ids } = seedConversation(session.writable!, 'Fiona Laird', 3);
    closeCase(session);
    return { path: session.path, ids, settings: join(dir, 'settings') };
  };

  it('records --reviewer on decisions, redactions and audit entries', async () => {
    const { path, ids, settings } = seeded();
    saveReviewer(settings, 'Stored Name');
    expect(await cli(settings, 'review', path, '--ids', String(ids[0]), '--outcome', 'disclose', '--reviewer', 'Priya Shah')).toMatchObject(
      { code: 0 },
    );
    expect(
      await cli(
        settings,
        'redact',
        path,
        '--message',
        String(ids[1]),
        '--start',
        '0',
        '--end',
        '7',
        '--reason',
        'personal-contact',
        '--reviewer',
        'Priya Shah',
      ),
    ).toMatchObject({ code: 0 });
    const recorded = actors(path);
    expect(recorded.audit).toEqual(['Priya Shah', 'Priya Shah']);
    expect(recorded.events).toEqual(['Priya Shah']);
    expect(recorded.redactions).toEqual(['Priya Shah']);
  });

  it('falls back to the name stored by the app, then to the OS user', async () => {
    const { path, ids, settings } = seeded();
    await cli(settings, 'review', path, '--ids', String(ids[0]), '--outcome', 'disclose');
    saveReviewer(settings, 'Sam Okafor');
    await cli(settings, 'review', path, '--ids', String(ids[1]), '--outcome', 'withhold');
    expect(actors(path).audit).toEqual([currentUser(), 'Sam Okafor']);
  });

  it('refuses a bad --reviewer with exit 2, changing nothing', async () => {
    const { path, ids, settings } = seeded();
    for (const bad of ['', '   ', 'Priya\u202eShah', 'x'.repeat(101)]) {
      const result = await cli(settings, 'review', path, '--ids', String(ids[0]), '--outcome', 'disclose', '--reviewer', bad);
      expect(result, JSON.stringify(bad)).toMatchObject({ code: 2, err: expect.stringContaining('--reviewer: The reviewer name') });
    }
    expect(actors(path).audit).toEqual([]);
  });

  it('names --reviewer in the usage', async () => {
    expect((await cli(tempDir(), '--help')).out).toMatch(/--reviewer <name>/);
  });
});
