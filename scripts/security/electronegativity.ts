/**
 * Runs Electronegativity's checks in-process, offline. Its command line first fetches translations
 * from the network (and would wait on them), so its parts are driven directly, as its own runner
 * does: parse each file, run the atomic checks, then the global checks over their findings.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const base = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const fromTool = createRequire(join(base, 'package.json'));

interface Level {
  readonly name: string;
  readonly value: number;
}

interface RawIssue {
  readonly id: string;
  readonly file: string;
  readonly location: { readonly line: number; readonly column: number };
  readonly description: string;
  readonly severity: Level;
  readonly confidence: Level;
  readonly visibility?: { readonly inlineDisabled?: boolean; readonly globalCheckDisabled?: boolean };
}

export interface Finding {
  readonly id: string;
  readonly file: string;
  readonly line: number;
  readonly severity: string;
  readonly confidence: string;
  readonly description: string;
  /** Silenced by an `eng-disable` comment on its line. */
  readonly disabledInline: boolean;
  /** Withdrawn by a global check that found the protection elsewhere (e.g. a permission handler). */
  readonly resolvedGlobally: boolean;
}

interface Tool {
  Parser: new (
    babelFirst: boolean,
    typescriptBabelFirst: boolean,
  ) => { parse(file: string, content: Buffer): [unknown, unknown, unknown, unknown] };
  Finder: new (
    only: string[],
    exclude: string[],
    upgrade?: string,
  ) => { find(file: string, data: unknown, type: unknown, content: unknown, x: null, electronVersion: string): Promise<RawIssue[]> };
  GlobalChecks: new (
    only: string[],
    exclude: string[],
    upgrade?: string,
  ) => { getResults(issues: RawIssue[], output?: string): Promise<RawIssue[]> };
}

function loadTool(): Tool {
  // Its checks read their descriptions through a global `__` when constructed: the bundled English.
  const i18n = fromTool('i18n') as { configure(options: object): void; setLocale(locale: string): void };
  i18n.configure({
    locales: ['en-US'],
    defaultLocale: 'en-US',
    directory: join(base, 'dist', 'locales'),
    updateFiles: false,
    objectNotation: true,
    register: globalThis,
  });
  i18n.setLocale('en-US');
  const { Parser } = fromTool('./dist/parser/parser.js') as Pick<Tool, 'Parser'>;
  const { Finder, GlobalChecks } = fromTool('./dist/finder/index.js') as Pick<Tool, 'Finder' | 'GlobalChecks'>;
  return { Parser, Finder, GlobalChecks };
}

/**
 * @param excludedGlobalChecks global checks not run at all, by class name (lower case), each with
 *   its reason kept next to the list in scan.ts.
 */
export async function runElectronegativity(
  files: readonly string[],
  electronVersion: string,
  excludedGlobalChecks: readonly string[],
): Promise<Finding[]> {
  const tool = loadTool();
  const parser = new tool.Parser(false, true);
  const finder = new tool.Finder([], []);
  const globalChecks = new tool.GlobalChecks([], [...excludedGlobalChecks]);
  const atomic: RawIssue[] = [];
  for (const file of files) {
    const [type, data, content] = parser.parse(file, readFileSync(file));
    if (data === null) continue;
    atomic.push(...(await finder.find(file, data, type, content, null, electronVersion)));
  }
  const issues = await globalChecks.getResults(atomic);
  return issues.map((issue) => ({
    id: issue.id,
    file: issue.file,
    line: issue.location.line,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
    description: issue.description,
    disabledInline: issue.visibility?.inlineDisabled === true,
    resolvedGlobally: issue.visibility?.globalCheckDisabled === true,
  }));
}
