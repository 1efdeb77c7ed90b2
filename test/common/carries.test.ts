// The tie between a schema and its domain type is checked by the compiler, so it is tested by compiling:
// a probe beside the contract, with the project's compiler options, must fail exactly where the two drift.
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const probe = `${root}common/contract/carries-probe.ts`;

const SAME = '{ readonly id: number; readonly note: string | null; readonly tags: string[]; readonly at?: number }';
const DRIFTS: Record<string, string> = {
  'a field the schema lacks': '{ id: number; note: string | null; tags: string[]; at?: number; extra?: string }',
  'a field the domain lacks': '{ id: number; note: string | null; tags: string[] }',
  'a narrower field': '{ id: number; note: string; tags: string[]; at?: number }',
  'a required field the wire leaves optional': '{ id: number; note: string | null; tags: string[]; at: number }',
  'a read-only list where the wire takes a mutable one': '{ id: number; note: string | null; tags: readonly string[]; at?: number }',
};
const cases = [SAME, ...Object.values(DRIFTS)];

/** The compiler's messages for each case's line, by case. One program for all: a compile takes seconds. */
function compileCases(): string[][] {
  const config = ts.getParsedCommandLineOfConfigFile(
    `${root}tsconfig.shared.json`,
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!config) throw new Error('tsconfig.shared.json did not parse');
  const header = [
    "import { z } from 'zod';",
    "import type { AllCarried, Carries } from './carries';",
    'const Schema = z.object({ id: z.number(), note: z.string().nullable(), tags: z.array(z.string()), at: z.number().optional() }).strict();',
  ];
  const source = [...header, ...cases.map((domain, i) => `export type Wire${i} = AllCarried<[Carries<typeof Schema, ${domain}>]>;`)].join(
    '\n',
  );
  const host = ts.createCompilerHost(config.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language) => (name === probe ? ts.createSourceFile(name, source, language) : getSourceFile(name, language));
  const program = ts.createProgram([probe], config.options, host);
  const byCase: string[][] = cases.map(() => []);
  for (const d of ts.getPreEmitDiagnostics(program, program.getSourceFile(probe))) {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    const messages = byCase[line - header.length];
    if (!messages) throw new Error(`unexpected diagnostic outside the cases: ${message}`);
    messages.push(message);
  }
  return byCase;
}

describe('Carries (common/contract/carries.ts)', () => {
  let results: string[][] = [];
  beforeAll(() => {
    results = compileCases();
  }, 30_000);

  it('accepts a read-only domain type of the same shape', () => {
    expect(results[0]).toEqual([]);
  });

  it.each(Object.keys(DRIFTS).map((name, i) => [name, i + 1] as const))('fails on %s', (_, i) => {
    expect(results[i]).toEqual([expect.stringContaining("does not satisfy the constraint 'readonly true[]'")]);
  });
});
