import { plural } from '../../format';

/** What the export outcome says of the unfinished export folders it removed first; null when there were none. */
export function leftoversNote(removed: readonly string[]): string | null {
  if (removed.length === 0) return null;
  return `Removed ${plural(removed.length, 'unfinished export folder')} that an interrupted export had left beside this bundle (its files were never verified): ${removed.join(', ')}`;
}
