import { userInfo } from 'node:os';

/** The signed-in user's name, recorded as the actor of every audited change. */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
