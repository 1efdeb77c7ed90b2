/**
 * Counterpart addresses in SMS Backup & Restore files. The same person appears as `+447700900101`,
 * `07700 900101` and `+44 7700 900101` depending on how the number was dialled or received, so numbers
 * are reduced to E.164 (UK by default) for the conversation and participant keys only; the address as
 * written stays the participant's handle. Sender IDs (`HMRC`), short codes and e-mail addresses are not
 * numbers and are kept as written.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** What some phones put in place of the device owner's own number in group MMS. */
export const OWNER_PLACEHOLDER = 'insert-address-token';

export interface Counterpart {
  /** Participant key: `tel:<E.164>` for a phone number, `addr:<as written>` otherwise. */
  readonly key: string;
  /** The address as the file wrote it. */
  readonly written: string;
}

// A backup repeats a few hundred addresses many thousand times, and parsing a number is the costliest
// step of the import; the cache is cleared rather than grown without bound.
const keys = new Map<string, string>();
const CACHE_LIMIT = 100_000;

export function counterpart(address: string): Counterpart {
  const written = address.trim();
  let key = keys.get(written);
  if (key === undefined) {
    // Ofcom's drama range (07700 900xxx) is "possible" but not "valid"; validity would reject real-shaped
    // numbers the carrier delivered, so length and shape are the test.
    const phone = /^[+\d][\d\s().-]*$/.test(written) ? parsePhoneNumberFromString(written, 'GB') : undefined;
    key = phone?.isPossible() ? `tel:${phone.number}` : `addr:${written}`;
    if (keys.size >= CACHE_LIMIT) keys.clear();
    keys.set(written, key);
  }
  return { key, written };
}

/** Address lists already read: a thread's list repeats on every one of its messages. */
const lists = new Map<string, readonly Counterpart[]>();

/** The distinct counterparts of a `~`-separated address list, sorted by key, without the owner placeholder. */
export function counterparts(addressList: string): readonly Counterpart[] {
  let found = lists.get(addressList);
  if (found === undefined) {
    // A copy of its own: a value read from the file can be a slice that keeps its whole chunk of text
    // alive, and what is read from it here is kept.
    const own = structuredClone(addressList);
    found = Object.freeze(readCounterparts(own));
    if (lists.size >= CACHE_LIMIT) lists.clear();
    lists.set(own, found);
  }
  return found;
}

function readCounterparts(addressList: string): Counterpart[] {
  const byKey = new Map<string, Counterpart>();
  for (const part of addressList.split('~')) {
    if (part.trim() === '' || part.trim() === OWNER_PLACEHOLDER) continue;
    const found = counterpart(part);
    if (!byKey.has(found.key)) byKey.set(found.key, found);
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
