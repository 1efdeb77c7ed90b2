import { userInfo } from 'node:os';
import { loadReviewer } from './cases/reviewer-setting';
import { checkReviewerName } from '../common/domain/reviewer-name';

/** The signed-in user's name: the reviewer's name until they give one. */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}

/**
 * Who is recorded as the actor of a change: the name given for this run (the CLI's `--reviewer`),
 * else the name stored in the settings, else the OS user. A given name is validated; a bad one throws
 * InvalidReviewerNameError rather than being recorded.
 */
export function resolveReviewer(given: string | undefined, settingsDir: string, osUser: () => string = currentUser): string {
  if (given !== undefined) return checkReviewerName(given);
  return loadReviewer(settingsDir) ?? osUser();
}
