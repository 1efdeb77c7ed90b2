import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

// As in fences.test.ts: no type information, so source text can be linted at paths that do not exist.
const eslint = new ESLint({ cwd: root, overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }] });

async function fenceErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

const contractImport = "import type { DecideArgs } from '../../common/contract/channels/review';\nexport type A = DecideArgs;\n";

describe('services take domain types, not the contract', () => {
  it.each([
    ['main/review/decisions.ts', contractImport],
    ['main/redact/sweep.ts', "import type { SweepHit } from '../../common/contract/channels/redaction';\nexport type H = SweepHit;\n"],
    ['main/browse/sources.ts', "import type { ResultOf } from '../../common/contract';\nexport type R = ResultOf<'sources.list'>;\n"],
    ['main/import/jobs.ts', "import { ImportArgs } from '../../common/contract';\nexport const a = ImportArgs;\n"],
    ['main/worker.ts', "import type { ImportArgs } from '../common/contract';\nexport type A = ImportArgs;\n"],
  ])('fail %s importing the contract', async (file, code) => {
    expect(await fenceErrors(file, code)).toEqual([expect.stringContaining('Services take domain types (common/domain)')]);
  });

  it.each([
    'main/handlers.ts',
    'main/handlers/review.ts',
    'main/dispatch.ts',
    'main/context.ts',
    'main/emitter.ts',
    'main/cli/review-command.ts',
    'main/shell/chromium.ts',
  ])('let the boundary file %s use the contract', async (file) => {
    expect(await fenceErrors(file, contractImport)).toEqual([]);
  });

  it('let services import the domain', async () => {
    expect(
      await fenceErrors(
        'main/review/decisions.ts',
        "import type { DecideArgs } from '../../common/domain/review';\nexport type A = DecideArgs;\n",
      ),
    ).toEqual([]);
  });

  it('keep the electron and renderer fences on services', async () => {
    expect(await fenceErrors('main/review/x.ts', "import { app } from 'electron';\nexport const a = app;\n")).toHaveLength(1);
    expect(await fenceErrors('main/review/x.ts', "import { useState } from 'react';\nexport const s = useState;\n")).toHaveLength(1);
  });
});
