import { describe, expect, it } from 'vitest';
import { ReasonCodeExistsError, NameExistsError, PatternTooSlowError, UnsafePatternError } from '../../../main/redact/errors';
import { addName, listNames, removeName } from '../../../main/redact/names';
import { applyOccurrences, previewOccurrences } from '../../../main/redact/occurrences';
import { addReason, listReasons, updateReason } from '../../../main/redact/reasons';
import { addRedaction } from '../../../main/redact/redactions';
import { findSuggestions } from '../../../main/redact/suggest';
import { decide } from '../../../main/review/decisions';
import {
  AddRedactionArgsSchema,
  ApplyOccurrencesArgsSchema,
  FindSuggestionsArgsSchema,
  PreviewOccurrencesArgsSchema,
} from '../../../common/contract/channels/redaction';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { useTempDir } from '../../helpers/temp';
import { reviewOf } from '../review/seed';
import { auditOf, caseWithBodies, count } from './seed';

const BODIES = [
  'Ask Siobhán O’Neill on 07911 123456',
  "siobhán o'neill lives at SW1A 2AA",
  'nothing here',
  'NI AB 12 34 56 C, mail s.oneill@example.org',
];

describe('suggestions, occurrences, reasons and names', () => {
  const tempDir = useTempDir();
  const setup = () => caseWithBodies(tempDir(), BODIES);

  it('suggests every kind with context, names from the case list, and marks what is already redacted', () => {
    const { db, ids } = setup();
    addName(db, "Siobhán O'Neill", 'third party', 'alice');
    addRedaction(
      db,
      AddRedactionArgsSchema.parse({ kind: 'span', messageId: ids[0], start: 23, end: 35, reasonCode: 'personal-contact' }),
      'alice',
    );
    const { suggestions, next } = findSuggestions(db, FindSuggestionsArgsSchema.parse({ scope: { kind: 'case' } }));
    expect(next).toBeNull();
    expect(suggestions.map((s) => [s.messageId, s.kind, s.text, s.alreadyRedacted])).toEqual([
      [ids[0], 'name', 'Siobhán O’Neill', false],
      [ids[0], 'phone', '07911 123456', true],
      [ids[1], 'name', "siobhán o'neill", false],
      [ids[1], 'postcode', 'SW1A 2AA', false],
      [ids[3], 'ni_number', 'AB 12 34 56 C', false],
      [ids[3], 'email', 's.oneill@example.org', false],
    ]);
    expect(suggestions[3]!.context).toEqual({ before: "siobhán o'neill lives at ", match: 'SW1A 2AA', after: '' });
  });

  it('pages by message id and narrows to the chosen kinds and scope', () => {
    const { db, ids } = setup();
    const first = findSuggestions(db, FindSuggestionsArgsSchema.parse({ scope: { kind: 'case' }, kinds: ['phone', 'postcode'], limit: 1 }));
    expect(first).toMatchObject({ suggestions: [{ kind: 'phone' }], next: ids[0] });
    const second = findSuggestions(
      db,
      FindSuggestionsArgsSchema.parse({ scope: { kind: 'case' }, kinds: ['phone', 'postcode'], limit: 1, after: first.next }),
    );
    expect(second.suggestions.map((s) => s.kind)).toEqual(['postcode']);
    expect(findSuggestions(db, FindSuggestionsArgsSchema.parse({ scope: { kind: 'message', messageId: ids[2] } })).suggestions).toEqual([]);
  });

  it('previews every occurrence of a text, then applies the accepted ones as one batch with one audit entry', () => {
    const { db, ids } = setup();
    decide(db, DecideArgsSchema.parse({ selector: { kind: 'ids', ids: [ids[0], ids[1]] }, change: { outcome: 'disclose' } }), 'alice', 1);
    const preview = previewOccurrences(
      db,
      PreviewOccurrencesArgsSchema.parse({ target: { kind: 'text', text: "Siobhán O'Neill" }, scope: { kind: 'case' } }),
    );
    expect(preview.hits.map((h) => [h.messageId, h.text])).toEqual([
      [ids[0], 'Siobhán O’Neill'],
      [ids[1], "siobhán o'neill"],
    ]);
    // The reviewer skips the second hit.
    const accepted = preview.hits.slice(0, 1).map(({ messageId, start, end }) => ({ messageId, start, end }));
    const result = applyOccurrences(
      db,
      ApplyOccurrencesArgsSchema.parse({ hits: [...accepted, ...accepted], reasonCode: 'personal-third-party' }),
      'alice',
      2,
    );
    expect(result).toEqual({
      added: 1,
      alreadyRedacted: 1,
      messages: 1,
      names: 0,
      outcomeMoves: [{ messageId: ids[0], from: 'disclose', to: 'disclose_redacted' }],
    });
    expect(reviewOf(db, ids[1]!)).toMatchObject({ outcome: 'disclose' });
    expect(auditOf(db).map((a) => a.action)).toEqual(['review.decided', 'redaction.occurrences_applied']);
    expect(count(db, 'SELECT count(*) FROM redactions')).toBe(1);
  });

  it('runs a user pattern, and stops a catastrophically backtracking one within its budget with a clear error', () => {
    const { db, ids } = caseWithBodies(tempDir(), ['ref AB-1234 and AB-99', `${'a'.repeat(40)}!`]);
    const hits = previewOccurrences(
      db,
      PreviewOccurrencesArgsSchema.parse({ target: { kind: 'pattern', pattern: 'ab-\\d+', flags: 'i' }, scope: { kind: 'case' } }),
    ).hits;
    expect(hits.map((h) => [h.messageId, h.text])).toEqual([
      [ids[0], 'AB-1234'],
      [ids[0], 'AB-99'],
    ]);
    const started = Date.now();
    expect(() =>
      previewOccurrences(
        db,
        PreviewOccurrencesArgsSchema.parse({ target: { kind: 'pattern', pattern: '(a+)+$' }, scope: { kind: 'case' } }),
      ),
    ).toThrow(PatternTooSlowError);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('refuses invalid patterns and flags other than i, m, s', () => {
    const { db } = setup();
    const preview =
      (pattern: string, flags = '') =>
      () =>
        previewOccurrences(
          db,
          PreviewOccurrencesArgsSchema.parse({ target: { kind: 'pattern', pattern, flags }, scope: { kind: 'case' } }),
        );
    expect(preview('(unclosed')).toThrow(UnsafePatternError);
    expect(preview('x', 'y')).toThrow(/flag "y" is not allowed/);
  });

  it('edits a reason label per case and adds new codes, auditing each; codes stay unique', () => {
    const { db } = setup();
    expect(listReasons(db).map((r) => r.code)).toEqual([
      'irrelevant-sensitive',
      'personal-third-party',
      'personal-contact',
      'article-8',
      'lpp',
      'national-security',
      'commercial',
    ]);
    expect(updateReason(db, { code: 'lpp', label: 'Privileged' }, 'alice')).toMatchObject({
      code: 'lpp',
      label: 'Privileged',
      builtin: true,
    });
    expect(addReason(db, { code: 'health', label: 'Health data', description: '' }, 'alice')).toEqual({
      code: 'health',
      label: 'Health data',
      description: '',
      builtin: false,
    });
    expect(listReasons(db).at(-1)?.code).toBe('health');
    expect(() => addReason(db, { code: 'lpp', label: 'x', description: '' }, 'alice')).toThrow(ReasonCodeExistsError);
    expect(auditOf(db).map((a) => a.action)).toEqual(['reason.updated', 'reason.added']);
  });

  it('keeps one live entry per name however it is spelt, and removal marks rather than deletes', () => {
    const { db } = setup();
    const name = addName(db, "  Siobhán   O'Neill ", '', 'alice');
    expect(name.name).toBe("Siobhán O'Neill");
    expect(() => addName(db, 'SIOBHÁN O’NEILL', '', 'alice')).toThrow(NameExistsError);
    removeName(db, name.id, 'alice');
    expect(listNames(db)).toEqual([]);
    expect(count(db, 'SELECT count(*) FROM redaction_names WHERE removed_at IS NOT NULL')).toBe(1);
    expect(addName(db, 'Siobhán O’Neill', '', 'alice').id).not.toBe(name.id);
  });
});
