import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

// The fence rules need no type information; switching it off lets us lint source text at paths
// that do not exist, with the project's real configuration.
const eslint = new ESLint({ cwd: root, overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }] });

async function fenceErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

describe('import fences', () => {
  it('fail a renderer file that imports better-sqlite3', async () => {
    const errors = await fenceErrors('renderer/features/review/leak.tsx', "import Database from 'better-sqlite3';\nexport const db = new Database('x');\n");
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
});
