/**
 * Keys for duplicate detection (docs/spec.md §2): the same message collected from several custodians' phones
 * has the same conversation fingerprint, minute, sender and normalised body. The content key covers
 * minute, sender and body and is computed as each message is stored; the conversation fingerprint,
 * known only once all of a conversation is read, is matched alongside it when grouping.
 */
import { createHash } from 'node:crypto';
import { stripInvisible } from './people';

const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** Body as compared, never as stored: compatibility-folded, invisible marks dropped, spacing collapsed. */
export function normaliseBody(body: string): string {
  return stripInvisible(body.normalize('NFKC')).toLowerCase();
}

export function conversationFingerprint(platform: string, kind: string, title: string, memberKeys: readonly string[]): string {
  // Group titles are shared by every member's phone; a direct chat is named after the other party on
  // each phone, so it is identified by the pair of people instead.
  const identity = kind === 'direct' ? [...memberKeys].sort().join('|') : stripInvisible(title.normalize('NFKC')).toLowerCase();
  return hash(`${platform}\n${kind}\n${identity}`);
}

export function contentKey(sentAt: number | null, sender: string, body: string): string {
  const minute = sentAt === null ? 'none' : String(Math.floor(sentAt / 60_000));
  return hash(`${minute}\n${sender}\n${normaliseBody(body)}`);
}
