import { describe, expect, it } from 'vitest';
import type { Finding } from '../../scripts/security/electronegativity';
import { directivesIn, judge } from '../../scripts/security/judge';

const finding = (overrides: Partial<Finding>): Finding => ({
  id: 'SANDBOX_JS_CHECK',
  file: 'main/electron/main.ts',
  line: 10,
  severity: 'MEDIUM',
  confidence: 'FIRM',
  description: 'Use sandbox for untrusted origins',
  disabledInline: false,
  resolvedGlobally: false,
  ...overrides,
});

describe('the security scan', () => {
  it('fails on a high or medium finding nobody justified, saying how to justify it', () => {
    expect(judge([finding({})], [])).toEqual([expect.stringContaining('MEDIUM SANDBOX_JS_CHECK at main/electron/main.ts:10')]);
    expect(judge([finding({ severity: 'HIGH' })], [])[0]).toContain('// eng-disable SANDBOX_JS_CHECK -- <reason>');
  });

  it('lets low and informational findings through', () => {
    expect(judge([finding({ severity: 'LOW' }), finding({ severity: 'INFORMATIONAL' })], [])).toEqual([]);
  });

  it('accepts a finding silenced by a comment that gives its reason', () => {
    const directives = directivesIn(
      'main/electron/main.ts',
      `${'\n'.repeat(9)}new BrowserWindow(o); // eng-disable SANDBOX_JS_CHECK -- set in window.ts`,
    );
    expect(directives).toEqual([{ file: 'main/electron/main.ts', line: 10, checks: ['SANDBOX_JS_CHECK'], reason: 'set in window.ts' }]);
    expect(judge([finding({ disabledInline: true })], directives)).toEqual([]);
  });

  it('refuses a justification without a reason', () => {
    const directives = directivesIn('main/electron/main.ts', `${'\n'.repeat(9)}new BrowserWindow(o); // eng-disable SANDBOX_JS_CHECK`);
    expect(judge([finding({ disabledInline: true })], directives)).toEqual([
      'eng-disable at main/electron/main.ts:10 gives no reason: add one after "--".',
    ]);
  });

  it('refuses a justification that no longer silences anything', () => {
    const directives = directivesIn('main/electron/main.ts', '// eng-disable CONTEXT_ISOLATION_JS_CHECK -- was needed once');
    expect(judge([], directives)).toEqual([
      expect.stringContaining('eng-disable CONTEXT_ISOLATION_JS_CHECK at main/electron/main.ts:1 silences nothing'),
    ]);
  });
});
