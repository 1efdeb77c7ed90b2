/**
 * Authors as the exporting phone showed them: a contact name, `~ PushName`, or a number wrapped in
 * U+202A … U+202C (formats/whatsapp.md §3). The author string is only an identity within one file.
 */

/** Participant key: the author with the LRE/PDF wrapping removed, so `‪+44 7700 900555‬` and `+44 7700 900555` agree. */
export function authorKey(author: string): string {
  return author.includes('\u202A') || author.includes('\u202C') ? author.replace(/[\u202A\u202C]/g, '') : author;
}

const PHONE = /^\+?[0-9][0-9 \u00A0().-]*[0-9]$/;

/** The number as a handle (`+447700900555`) when the author is a phone number rather than a name. */
export function phoneHandle(key: string): string | null {
  if (!PHONE.test(key)) return null;
  const digits = key.replace(/[^0-9]/g, '');
  if (digits.length < 7 || digits.length > 15) return null;
  return key.startsWith('+') ? `+${digits}` : digits;
}

/** For matching a custodian's name only: case, spacing, width and bidi marks do not make a different person. */
export function nameForMatching(name: string): string {
  return name
    .replace(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
