import { describe, expect, it } from 'vitest';
import { moreWarnings, noteHeadline, notesSentence } from '../../../common/domain/import-notes';

describe('how an import summary tells its notes', () => {
  it('counts each kind that was noted, in the order a reviewer needs them', () => {
    expect(notesSentence({ warnings: 0, repairs: 0, assumptions: 0 })).toBeNull();
    expect(notesSentence({ warnings: 1, repairs: 0, assumptions: 0 })).toBe('1 warning recorded as a note on the source');
    expect(notesSentence({ warnings: 2, repairs: 1, assumptions: 1 })).toBe(
      '2 warnings, 1 assumption and 1 repair recorded as notes on the source',
    );
    expect(notesSentence({ warnings: 0, repairs: 1234, assumptions: 0 })).toBe('1,234 repairs recorded as notes on the source');
  });

  it('quotes a note on one line and cuts a long one (a record kept aside) with an ellipsis', () => {
    expect(noteHeadline('1 line before the first header kept as a note:\r\nPage 3')).toBe(
      '1 line before the first header kept as a note: Page 3',
    );
    const long = noteHeadline(`the cut record is kept in this note: ${'😀'.repeat(500)}`);
    expect(Array.from(long)).toHaveLength(240);
    expect(long.endsWith('😀…')).toBe(true);
  });

  it('says how many warnings were not quoted', () => {
    expect(moreWarnings(3, 3)).toBeNull();
    expect(moreWarnings(5, 3)).toBe('… and 2 more warnings: see the source’s notes');
  });
});
