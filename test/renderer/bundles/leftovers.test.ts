import { describe, expect, it } from 'vitest';
import { leftoversNote } from '../../../renderer/features/bundles/leftovers';

describe('the export outcome', () => {
  it('says which unfinished export folders it removed, and says nothing when there were none', () => {
    expect(leftoversNote(['/cases/.bundle.partial-1a2b3c4d'])).toBe(
      'Removed 1 unfinished export folder that an interrupted export had left beside this bundle (its files were never verified): /cases/.bundle.partial-1a2b3c4d',
    );
    expect(leftoversNote(['/a/.x.partial-1', '/a/.y.partial-2'])).toMatch(
      /^Removed 2 unfinished export folders .*: \/a\/\.x\.partial-1, \/a\/\.y\.partial-2$/,
    );
    expect(leftoversNote([])).toBeNull();
  });
});
