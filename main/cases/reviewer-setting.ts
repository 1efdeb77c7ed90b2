/**
 * The reviewer's name, asked once per machine and kept in the user's settings folder beside the
 * recent-cases list (never inside a case). Owner-only and written atomically like that list.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkReviewerName, reviewerNameProblem } from '../../common/domain/reviewer-name';

const FILE = 'reviewer.json';

/** The stored name, or null when none was given yet (or the file is unreadable or holds a bad name). */
export function loadReviewer(settingsDir: string): string | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(settingsDir, FILE), 'utf8'));
    const name = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).name : undefined;
    // A hand-edited file with a bad name is treated as no name: the reviewer is asked again.
    return typeof name === 'string' && reviewerNameProblem(name) === null ? checkReviewerName(name) : null;
  } catch {
    return null;
  }
}

/** Validates and stores the name; returns it as it will be recorded. Throws InvalidReviewerNameError. */
export function saveReviewer(settingsDir: string, name: string, at = Date.now()): string {
  const clean = checkReviewerName(name);
  mkdirSync(settingsDir, { recursive: true, mode: 0o700 });
  const target = join(settingsDir, FILE);
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify({ name: clean, setAt: at }, null, 2), { mode: 0o600 });
  renameSync(temp, target);
  return clean;
}

/** The app's reviewer for this session: the stored name, else the OS user until a name is given. */
export interface ReviewerState {
  /** The name recorded on changes now. */
  current(): string;
  /** The stored name, or null when the reviewer has not been asked yet. */
  stored(): string | null;
  /** The default the prompt offers: the OS user. */
  readonly suggested: string;
  /** Validates, stores and starts recording the name. Throws InvalidReviewerNameError. */
  set(name: string): string;
}

export function reviewerState(settingsDir: string, osUser: string): ReviewerState {
  let stored = loadReviewer(settingsDir);
  return {
    current: () => stored ?? osUser,
    stored: () => stored,
    suggested: osUser,
    set(name) {
      stored = saveReviewer(settingsDir, name);
      return stored;
    },
  };
}
