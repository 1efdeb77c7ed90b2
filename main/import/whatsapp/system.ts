/**
 * System lines: records WhatsApp wrote itself. On Android they are header lines with no `Author: `
 * part; on iOS some look like user messages, carrying the chat's name as author and a body that starts
 * with U+200E (formats/whatsapp.md §4). Wording is localised; English and German are covered (the German
 * subject-change wording is unverified, see the fixtures README). Lines that are system by shape but
 * match no pattern are still system records, of kind `other`.
 */

const MARKS = /[\u200E\u200F\u202A\u202C]/g;

/** A copy for matching only: bidi marks are layout hints, not text, and vary between exports. */
function withoutMarks(text: string): string {
  return text.replace(MARKS, '');
}

/** Notices that on iOS carry an ordinary author, so only their wording identifies them. */
const NOTICES: ReadonlyArray<readonly [RegExp, string]> = [
  [/end-to-end encrypted|secured with end-to-end encryption|Ende-zu-Ende-verschlüsselt/i, 'encryption_notice'],
  [/^Your security code with .* changed|^Deine Sicherheitsnummer für .* hat sich geändert/, 'security_code_changed'],
  [/^Missed (?:group )?voice call/, 'missed_voice_call'],
  [/^Missed (?:group )?video call/, 'missed_video_call'],
  [/^This business uses a secure service|^This chat is with a business account/, 'business_notice'],
];

const EVENTS: ReadonlyArray<readonly [RegExp, string]> = [
  ...NOTICES,
  [/ created group |^You created group |die Gruppe .* erstellt/, 'created_group'],
  [/changed the subject |changed the group name |den Betreff |den Gruppennamen /, 'subject_changed'],
  [/changed this group's icon|changed the group icon|deleted this group's icon|das Gruppenbild /, 'icon_changed'],
  [/changed the group description|die Gruppenbeschreibung /, 'description_changed'],
  [/message timer|disappearing messages|selbstlöschende Nachrichten/i, 'disappearing_messages'],
  [/now an admin|no longer an admin|jetzt Admin|kein Admin mehr/, 'admin_changed'],
  [/joined using this group's invite link|joined using an invite link|über den Einladungslink/, 'joined'],
  [/changed their phone number|changed to |number was changed|hat die Nummer gewechselt/, 'number_changed'],
  [/ removed |^You removed | entfernt\.?$/, 'removed'],
  [/ added |^You added | hinzugefügt\.?$/, 'added'],
  [/ left$|^You left$|die Gruppe verlassen\.?$/, 'left'],
  [/blocked this contact|unblocked this contact/, 'blocked'],
];

const GROUP_EVENTS = new Set([
  'created_group',
  'subject_changed',
  'icon_changed',
  'description_changed',
  'admin_changed',
  'joined',
  'removed',
  'added',
  'left',
]);

function firstMatch(table: ReadonlyArray<readonly [RegExp, string]>, text: string): string | null {
  for (const [pattern, kind] of table) if (pattern.test(text)) return kind;
  return null;
}

/** For a line already known to be a system record: what happened. */
export function systemKind(text: string): string {
  return firstMatch(EVENTS, withoutMarks(text)) ?? 'other';
}

/** For an iOS body that starts with U+200E: the notice it is, or null for a user message. */
export function iosNoticeKind(body: string): string | null {
  return firstMatch(NOTICES, withoutMarks(body));
}

/** Events that only happen in groups, so one of them makes the chat a group. */
export function isGroupEvent(kind: string): boolean {
  return GROUP_EVENTS.has(kind);
}

const QUOTED = /"([^"]*)"|“([^”]*)”|„([^“”]*)[“”]|«([^»]*)»/g;

/** The group's subject after a creation or subject-change line: the last quoted name in it. */
export function subjectFrom(text: string): string | null {
  let subject: string | null = null;
  for (const match of text.matchAll(QUOTED)) subject = match[1] ?? match[2] ?? match[3] ?? match[4] ?? subject;
  return subject;
}

/**
 * A system line whose text contains `": "` (a subject such as "Re: figures") would otherwise be split
 * into a false author. An author is never quoted text, so a quote mark before the first `": "` means the
 * line is a subject or creation event.
 */
export function isQuotedSystemLine(authorCandidate: string): boolean {
  return /["“„«]/.test(authorCandidate) && systemKind(authorCandidate) !== 'other';
}
