import { describe, expect, it } from 'vitest';
import { DEFAULT_REASON_CODES } from '../../../common/domain/model';
import { startingReason } from '../../../renderer/features/redaction/startingReason';

const REASONS = DEFAULT_REASON_CODES.map((r) => ({ ...r, builtin: true }));

describe('the reason a picker starts on', () => {
  it('is the last one used in the case', () => {
    expect(startingReason(REASONS, 'personal-contact')).toBe('personal-contact');
  });

  it('is none, never the first of the list, before any redaction or when the last code is unknown', () => {
    expect(startingReason(REASONS, null)).toBe('');
    expect(startingReason(REASONS, 'no-longer-here')).toBe('');
    expect(startingReason([], 'lpp')).toBe('');
  });
});
