/**
 * What the security scan accepts. A high or medium finding fails it unless an `eng-disable` comment
 * on its line silences it, and that comment must give its reason after `--` and must still silence
 * something: a justification outlives neither its reason nor the code it was written for.
 */
import type { Finding } from './electronegativity';

export interface Directive {
  readonly file: string;
  readonly line: number;
  readonly checks: readonly string[];
  readonly reason: string;
}

const DIRECTIVE = /(?:\/\/|\/\*|<!--)\s*eng-disable\s+([\w \t,]+?)\s*(?:--\s*(.*?))?\s*(?:\*\/|-->)?$/;

/** The `eng-disable` comments of one file. */
export function directivesIn(file: string, text: string): Directive[] {
  return text.split('\n').flatMap((source, index) => {
    const match = DIRECTIVE.exec(source);
    if (!match) return [];
    return [{ file, line: index + 1, checks: (match[1] ?? '').split(/[\s,]+/).filter(Boolean), reason: (match[2] ?? '').trim() }];
  });
}

const blocking = (finding: Finding): boolean => finding.severity === 'HIGH' || finding.severity === 'MEDIUM';

export function judge(findings: readonly Finding[], directives: readonly Directive[]): string[] {
  const problems: string[] = [];
  for (const finding of findings) {
    if (blocking(finding) && !finding.disabledInline && !finding.resolvedGlobally) {
      problems.push(
        `${finding.severity} ${finding.id} at ${finding.file}:${finding.line}: ${finding.description} Fix it, or justify it with "// eng-disable ${finding.id} -- <reason>" on that line.`,
      );
    }
  }
  for (const directive of directives) {
    const where = `${directive.file}:${directive.line}`;
    if (directive.reason === '') problems.push(`eng-disable at ${where} gives no reason: add one after "--".`);
    for (const check of directive.checks) {
      const silenced = findings.some(
        (f) => f.disabledInline && f.file === directive.file && f.line === directive.line && f.id === check.toUpperCase(),
      );
      if (!silenced) problems.push(`eng-disable ${check} at ${where} silences nothing (the code changed?): remove it.`);
    }
  }
  return problems;
}
