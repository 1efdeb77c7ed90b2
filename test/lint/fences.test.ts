import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The fence rules need no type information; switching it off lets us lint source text at paths
// that do not exist, with the project's real configuration.
const eslint = new ESLint({ cwd: root, overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }] });

async function ruleErrors(rule: string, filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === rule).map((m) => m.message);
}

const fenceErrors = (filePath: string, code: string): Promise<string[]> =>
  ruleErrors('@typescript-eslint/no-restricted-imports', filePath, code);

const sqlErrors = async (filePath: string, code: string): Promise<string[]> =>
  [...(await fenceErrors(filePath, code)), ...(await ruleErrors('no-restricted-syntax', filePath, code))].filter((m) =>
    m.includes('db/queries'),
  );

describe('import fences', () => {
  it('fail a renderer file that imports better-sqlite3', async () => {
    const errors = await fenceErrors(
      'renderer/features/review/leak.tsx',
      "import Database from 'better-sqlite3';\nexport const db = new Database('x');\n",
    );
    expect(errors).toEqual([expect.stringContaining('The renderer reaches the backend only through window.desk')]);
  });

  it.each([
    ["import { readFileSync } from 'node:fs';", 'node:fs'],
    ["import { join } from 'path';", 'path'],
    ["import { ipcRenderer } from 'electron';", 'electron'],
    ["import { createCase } from '../../main/cases/service';", 'main services'],
    ["import { openCaseFile } from '../../db/connection';", 'db'],
    ["import { makeApi } from '../../preload/index';", 'the preload itself'],
  ])('fail a renderer file with %s (%s)', async (line) => {
    expect(await fenceErrors('renderer/features/x/y.ts', `${line}\nexport {};\n`)).toHaveLength(1);
  });

  it('let the renderer use type-only imports and the runtime-neutral domain and contract', async () => {
    const code = [
      "import type { CaseSession } from '../../main/cases/service';",
      "import { CLASSIFICATIONS } from '../../common/domain/model';",
      "import { CreateCaseArgs } from '../../common/contract';",
      'export type S = CaseSession;',
      'export const x = [CLASSIFICATIONS, CreateCaseArgs];',
    ].join('\n');
    expect(await fenceErrors('renderer/features/x/y.ts', code)).toEqual([]);
  });

  it('fail electron imports outside main/electron and preload/index.ts, and allow them there', async () => {
    const code = "import { app } from 'electron';\nexport const a = app;\n";
    expect(await fenceErrors('main/import/run.ts', code)).toHaveLength(1);
    expect(await fenceErrors('db/connection.ts', code)).toHaveLength(1);
    expect(await fenceErrors('common/contract/api.ts', code)).toHaveLength(1);
    expect(await fenceErrors('main/electron/window.ts', code)).toEqual([]);
    expect(await fenceErrors('preload/index.ts', code)).toEqual([]);
  });

  it('keep React and the renderer out of main-process code', async () => {
    expect(await fenceErrors('main/handlers.ts', "import { useState } from 'react';\nexport const s = useState;\n")).toHaveLength(1);
  });

  it('keep common/ free of Node, SQLite and runtime code', async () => {
    for (const line of [
      "import { readFileSync } from 'node:fs';",
      "import Database from 'better-sqlite3';",
      "import { openCaseFile } from '../../db/connection';",
      "import { importSource } from '../../main/import/run';",
    ]) {
      expect(await fenceErrors('common/domain/x.ts', `${line}\nexport {};\n`), line).toHaveLength(1);
    }
    expect(
      await fenceErrors(
        'common/contract/x.ts',
        "import { z } from 'zod';\nimport { CLASSIFICATIONS } from '../domain/model';\nexport const x = [z, CLASSIFICATIONS];\n",
      ),
    ).toEqual([]);
  });
});

describe('SQL against the case lives in db/', () => {
  it.each([
    ["db.prepare('SELECT 1').get();", 'prepare'],
    ["db.pragma('foreign_keys = OFF');", 'pragma'],
    ["db.exec('DELETE FROM messages');", 'exec with SQL text'],
    ['db.exec(`DELETE FROM ${table}`);', 'exec with a template'],
    ['run(db, sql`DELETE FROM messages`);', 'the sql tag'],
  ])('fail a service that runs %s (%s)', async (line) => {
    const code = `declare const db: any, run: any, sql: any, table: string;\n${line}\nexport {};\n`;
    expect(await sqlErrors('main/review/x.ts', code)).not.toEqual([]);
  });

  it('fail a service importing the statement runner or the sql tag, but not transactions or types', async () => {
    expect(await sqlErrors('main/review/x.ts', "import { all } from '../../db/queries/run';\nexport const a = all;\n")).toHaveLength(1);
    expect(await sqlErrors('main/review/x.ts', "import { sql } from '../../db/sql';\nexport const s = sql;\n")).toHaveLength(1);
    const allowed =
      "import { transaction } from '../../db/queries/run';\nimport type { SqlQuery } from '../../db/sql';\nexport type Q = SqlQuery;\nexport const t = transaction;\n";
    expect(await sqlErrors('main/review/x.ts', allowed)).toEqual([]);
  });

  it('allow SQL in db/ and in a parser reading its source database, and regular expressions anywhere', async () => {
    const code = "declare const db: any;\ndb.prepare('SELECT 1').get();\nexport {};\n";
    expect(await sqlErrors('db/queries/x.ts', code)).toEqual([]);
    expect(await sqlErrors('main/import/imessage/x.ts', code)).toEqual([]);
    expect(await sqlErrors('main/review/x.ts', 'export const m = /a(b)/u.exec(String(1));\n')).toEqual([]);
  });
});
