/** `disclosure-desk pack --import-flags` checks a returned pack against the case's record of it. */
import Database from 'better-sqlite3';
import { copyFileSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli';
import { closeCase } from '../../../main/cases/service';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';
import { seedConversation } from '../review/seed';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function tamper(path: string, script: string): void {
  const raw = new Database(path);
  raw.pragma('foreign_keys = OFF');
  raw.exec(script);
  raw.close();
}

const flagCount = (casePath: string): number => {
  const db = new Database(casePath, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM custodian_flags').pluck().get() as number;
  } finally {
    db.close();
  }
};

describe('disclosure-desk pack --import-flags', () => {
  const tempDir = useTempDir();

  /** A case with Fiona's and Euan's chats, closed, and a pack exported for each through the CLI. */
  async function exported() {
    const dir = tempDir();
    const session = makeCase(dir);
    const fiona = seedConversation(session.writable!, 'Fiona Laird', 6);
    const euan = seedConversation(session.writable!, 'Euan Baird', 4);
    closeCase(session);
    const packs = { fiona: join(dir, 'fiona.ddcase'), euan: join(dir, 'euan.ddcase') };
    const ids: Record<string, string> = {};
    for (const [who, name] of [
      ['fiona', 'Fiona Laird'],
      ['euan', 'Euan Baird'],
    ] as const) {
      const result = await cli('pack', session.path, '--custodian', name, '--out', packs[who], '--json');
      expect(result.code).toBe(0);
      ids[who] = (JSON.parse(result.out) as { packId: string }).packId;
    }
    return { dir, path: session.path, fiona, euan, packs, ids };
  }

  it('exits 1 on a hostile -wal beside the untouched export, naming what differs, and imports nothing', async () => {
    const { dir, path, euan, packs } = await exported();
    const scratch = join(dir, 'scratch.ddcase');
    copyFileSync(packs.fiona, scratch);
    const raw = new Database(scratch);
    raw.pragma('wal_autocheckpoint = 0');
    raw.pragma('foreign_keys = OFF');
    raw.exec(`DROP TRIGGER pack_guard_custodian_packs_update; UPDATE custodian_packs SET custodian_id = ${euan.custodianId};
      INSERT INTO custodian_flags (pack_id, message_id, reason, flagged_at, flagged_by) SELECT pack_id, ${euan.ids[0]}, 'his', 0, 'x' FROM custodian_packs;`);
    copyFileSync(`${scratch}-wal`, `${packs.fiona}-wal`);
    raw.close();
    const before = sha256(packs.fiona);

    const result = await cli('pack', path, '--import-flags', packs.fiona);
    expect(result).toMatchObject({ code: 1, err: expect.stringContaining('pack_guard_custodian_packs_update') });
    expect(result.err).toContain('is not the custodian check pack this case exported');
    expect(sha256(packs.fiona)).toBe(before);
    expect(flagCount(path)).toBe(0);
  });

  it("exits 1 on a pack relabelled with another pack's id, then imports the genuine pack", async () => {
    const { path, packs, ids } = await exported();
    tamper(packs.fiona, `DROP TRIGGER pack_guard_custodian_packs_update; UPDATE custodian_packs SET pack_id = '${ids.euan}';`);
    expect(await cli('pack', path, '--import-flags', packs.fiona)).toMatchObject({
      code: 1,
      err: expect.stringContaining('is not the custodian check pack'),
    });
    expect(await cli('pack', path, '--import-flags', packs.euan)).toMatchObject({
      code: 0,
      out: expect.stringContaining(`Imported 0 flags from Euan Baird's pack ${ids.euan}`),
    });
  });

  it('exits 1 on a flag reason holding a bidi override, naming the message', async () => {
    const { path, fiona, packs } = await exported();
    tamper(
      packs.fiona,
      `INSERT INTO custodian_flags (pack_id, message_id, reason, flagged_at, flagged_by) SELECT pack_id, ${fiona.ids[2]}, 'Medical ' || char(0x202E) || 'exe', 0, 'x' FROM custodian_packs;`,
    );
    const result = await cli('pack', path, '--import-flags', packs.fiona);
    expect(result).toMatchObject({ code: 1, err: expect.stringContaining(`message #${fiona.ids[2]}`) });
    expect(result.err).toContain('U+202E');
    expect(flagCount(path)).toBe(0);
  });
});
