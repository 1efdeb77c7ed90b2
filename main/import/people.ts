/**
 * Normalised identities for resolving the same person across sources: phone numbers to E.164 (UK
 * numbers by default, as these cases are UK inquiries), e-mails lower-cased. The raw handle is always
 * kept on the participant; these keys are derived copies for matching only.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export interface Identity {
  readonly kind: 'phone' | 'email' | 'username';
  readonly value: string;
}

// Bidi marks and isolates WhatsApp and iOS wrap around numbers and names (formats/README.md trap 3).
const INVISIBLE = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\u00a0\u202f]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
}

export function identityOf(handle: string | null, label: string): Identity | null {
  for (const candidate of [handle, label]) {
    if (!candidate) continue;
    const text = stripInvisible(candidate);
    if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return { kind: 'email', value: text.toLowerCase() };
    if (/^\+?[\d\s().-]{7,}$/.test(text)) {
      const phone = parsePhoneNumberFromString(text, 'GB');
      if (phone?.isPossible()) return { kind: 'phone', value: phone.number };
    }
  }
  if (handle) {
    const text = stripInvisible(handle);
    if (text) return { kind: 'username', value: text.toLowerCase() };
  }
  return null;
}

/** A key for "who sent this" that survives cosmetic differences between exports. */
export function senderKey(personId: number | null, label: string | null): string {
  if (personId !== null) return `p${personId}`;
  return label ? `n:${stripInvisible(label).toLowerCase()}` : '';
}
