import { formatDateTime, plural } from '../../format';

/** What the export outcome says of the unfinished export folders it removed first; null when there were none. */
export function leftoversNote(removed: readonly string[]): string | null {
  if (removed.length === 0) return null;
  return `Removed ${plural(removed.length, 'unfinished export folder')} that an interrupted export had left beside this bundle (its files were never verified): ${removed.join(', ')}`;
}

/** An export of this case killed before it finished, whose folder was removed when the case was opened. */
export interface InterruptedExport {
  readonly partialDir: string;
  readonly bundleDir: string;
  readonly startedAt: number;
  readonly startedBy: string;
}

/** What the Bundles screen says of exports that were interrupted, one line each: the bundle they were for was never written. */
export function interruptedNotes(runs: readonly InterruptedExport[]): string[] {
  return runs.map(
    (run) =>
      `The export into ${run.bundleDir}, started ${formatDateTime(run.startedAt)} by ${run.startedBy}, was interrupted before it finished: no bundle was written. Its unverified files (${run.partialDir}) were removed when this case was opened. Export it again if it is still needed.`,
  );
}
