/**
 * Shipped migrations are frozen (db/migrations/types.ts): a case's schema v1 must mean the same tables
 * and CHECKs whichever build created it. Each migration's steps are fingerprinted here when it ships;
 * a changed text fails this test, and the fix is a new migration, never an edit.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../db/migrations';
import type { Migration } from '../../db/migrations/types';

const FROZEN: Readonly<Record<number, string>> = {
  1: '5607b4d7ad4dcf6133aec111110917f1584b22eebf020ad1c70c0c1bee20201a',
  2: '1106e4d4a9080525a05b758623af45a4c09a70cb625c4206400f2a86590a2ff9',
  3: '646ac92b45905dea114dd477ebba5ee5d19bc7132c8c5dd9951d99a129ef7294',
  4: 'bc26f6fe331e6536d930b64b75df704c7eb3cd0f838675ec46d9b3986df8084c',
  5: '6f0dc44573c13f4e27f84a171586275f9d49ac962acb9341dfeb04b11ee71ceb',
  6: '155f8eff6c165aa059141ccce44029d118de773ea4e9e7133c16e7d755230b6e',
  7: '9d91cb6b41cd4cbc2f1ec218ae12649e1e0f6f057a314717b404b8ef8e33fcb6',
  8: '1c712cab1d50f2382c8baecf51f5b543a004c048097ebee8b875e9ec160f062e',
  9: '9a745f52f141150fb8ec84bb0d56cddaf4d3d211ea3252cf1ec98db9cbf4f699',
  10: '95ef21a31d398006f23df93224c1dc46e3bac783fd6a99312efac0f67836874e',
  11: '0da8258c370ad1d29a3106633d8f14cb515e9d794c821fdd9eb6a5d0593e7586',
  12: '4cf7b4f30dfed47ca9d6e0a0c4d3c8489c6825b847ef7edcc7e068b8fb706ef0',
  13: '23faa5ca7c51cef100eaedcf4e94cdd4cc27e02979e58ed66b955e7876639300',
  14: '9fd941b25466edbff173cafe3c3db4fdf24c95e4623644850f4f78d4cb9535f9',
  15: '334709b625b9ee859be930ffd6806094fab98a41ccb1d5b49f8624e1abc52cf7',
  16: 'e26a6f7bbc1aad7573118957cd37d0a27ade672fbbfb5be5921f8ef76d7e55be',
  17: '79ebc92c3f6547f81813c829fe24bff43fae98c9a535ead1b06dd0e6abb55850',
  18: 'fce05928a994be4adc41db79bd93b25f9ea3e879979e5d547ad160165778659a',
};

const fingerprint = (migration: Pick<Migration, 'name' | 'steps'>): string =>
  createHash('sha256')
    .update(JSON.stringify([migration.name, migration.steps.map((step) => (typeof step === 'string' ? step : { data: step.data }))]))
    .digest('hex');

const DIR = join(__dirname, '../../db/migrations');

describe('frozen migrations', () => {
  it.each(MIGRATIONS.map((m) => [m.version, m] as const))('migration %i still has the text it shipped with', (version, migration) => {
    expect(FROZEN[version], `migration ${version} has no recorded fingerprint: record it here when it ships`).toBeDefined();
    expect(fingerprint(migration), `migration ${version} was edited after it shipped: add a new migration instead`).toBe(FROZEN[version]);
  });

  it('notices a one-character edit to migration 0001', () => {
    const [initial] = MIGRATIONS;
    const edited = { ...initial!, steps: initial!.steps.map((s) => (typeof s === 'string' ? s.replace("'whatsapp'", "'whatsap'") : s)) };
    expect(fingerprint(edited)).not.toBe(FROZEN[1]);
  });

  it('keeps every migration file self-contained: no imports of live lists, no interpolated SQL', () => {
    const files = readdirSync(DIR).filter((f) => /^\d{4}-.*\.ts$/.test(f));
    expect(files).toHaveLength(MIGRATIONS.length);
    for (const file of files) {
      const text = readFileSync(join(DIR, file), 'utf8');
      const imports = [...text.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
      expect(
        imports.filter((from) => from !== './types' && from !== 'better-sqlite3'),
        file,
      ).toEqual([]);
      expect(text, file).not.toMatch(/\$\{/);
    }
  });
});
