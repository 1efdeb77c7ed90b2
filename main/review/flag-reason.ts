/**
 * What a custodian flag's reason may hold. The reason is the private office's words, shown to the
 * reviewer and kept in the audit log, so it is refused rather than escaped: changing it would change
 * what they said. Refused: more than MAX_FLAG_REASON characters (the same cap as the flags.create
 * channel), C0 and C1 control characters other than tab and new line, and the bidirectional controls
 * that can hide or reorder text on screen (U+061C, U+200E–200F, U+202A–202E, U+2066–2069).
 *
 * The app refuses them when a flag is raised in a pack, so a returned pack holding one was written by
 * something else, and the whole pack is refused.
 */

/** In UTF-16 code units, as the flags.create channel counts. */
export const MAX_FLAG_REASON = 2000;
/** Who flagged it: an account name, never this long. */
export const MAX_FLAGGED_BY = 200;
/** The most UTF-8 bytes `max` UTF-16 code units can take: longer stored text is refused unread. */
export const maxBytesOf = (max: number): number => max * 3;

const BIDI: Readonly<Record<number, string>> = {
  0x061c: 'Arabic letter mark',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
};

const isControl = (code: number): boolean => (code < 0x20 && code !== 0x09 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f);

const codePoint = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with `text`, in words ("is longer than …", "holds U+202E …"), or null when nothing is. */
export function textProblem(text: string | null, max: number): string | null {
  if (text === null || text.length > max) return `is longer than ${max.toLocaleString('en-GB')} characters`;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const bidi = BIDI[code];
    if (bidi) return `holds ${codePoint(code)} (${bidi}), which can hide or reorder text on screen`;
    if (isControl(code)) return `holds ${codePoint(code)}, a control character`;
  }
  return null;
}
