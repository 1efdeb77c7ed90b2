/**
 * `npm run security`: Electronegativity over the app's sources, failing on any high or medium
 * finding that is not justified next to the code (see judge.ts).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../../main/security/policy';
import { runElectronegativity, type Finding } from './electronegativity';
import { directivesIn, judge } from './judge';

const SOURCE_DIRS = ['main', 'preload', 'renderer'];
const SOURCE_FILE = /\.(ts|tsx|html)$/;

/**
 * Global checks not run, each with its reason. AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK downloads
 * Electron's release list from GitHub, which CI here cannot reach; Electron's version is kept
 * current through package.json like every other dependency.
 */
const EXCLUDED_GLOBAL_CHECKS = ['availablesecurityfixesglobalcheck'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && SOURCE_FILE.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Our CSP is composed in main/security/policy.ts and sent as a header, which Electronegativity cannot
 * see (it reads CSPs only from literals): it is given the composed policy, as the page receives it,
 * so its CSP evaluator judges the real thing rather than reporting "no CSP".
 */
function effectiveCspPage(dir: string): string {
  const file = join(dir, 'effective-csp.html');
  writeFileSync(
    file,
    `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"></head></html>\n`,
  );
  return file;
}

const row = (f: Finding, status: string): string =>
  `${f.severity.padEnd(13)} ${f.confidence.padEnd(9)} ${f.id.padEnd(40)} ${`${f.file}:${f.line}`.padEnd(34)} ${status}`;

/** @param root the project folder */
export async function main(root: string): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), 'dd-security-'));
  try {
    const files = [...SOURCE_DIRS.flatMap((dir) => sourceFiles(join(root, dir))), join(root, 'package.json'), effectiveCspPage(scratch)];
    const electron = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string })
      .version;
    const shown = (file: string): string => (file.startsWith(scratch) ? `(composed CSP)` : relative(root, file));
    const findings = (await runElectronegativity(files, electron, EXCLUDED_GLOBAL_CHECKS)).map((f) => ({ ...f, file: shown(f.file) }));
    const directives = files
      .filter((file) => !file.startsWith(scratch))
      .flatMap((file) => directivesIn(shown(file), readFileSync(file, 'utf8')));

    process.stdout.write(
      `Electronegativity (Electron ${electron}) over ${files.length} files; not run: ${EXCLUDED_GLOBAL_CHECKS.join(', ')} (needs the network)\n`,
    );
    for (const f of findings)
      process.stdout.write(`${row(f, f.disabledInline ? 'justified in the code' : f.resolvedGlobally ? 'resolved elsewhere' : '')}\n`);
    const problems = judge(findings, directives);
    for (const problem of problems) process.stderr.write(`${problem}\n`);
    process.stdout.write(
      problems.length === 0
        ? 'Security scan: no unjustified high or medium findings.\n'
        : `Security scan failed: ${problems.length} problem(s).\n`,
    );
    return problems.length === 0 ? 0 : 1;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
