/**
 * System lines: records WhatsApp wrote itself. On Android they are header lines with no `Author: `
 * part; on iOS some look like user messages, carrying the chat's name as author and a body that starts
 * with U+200E (formats/whatsapp.md §4). Wording is localised; the languages and their sources are in
 * locale-strings.ts (§4.1). Lines that are system by shape but match no pattern are still system
 * records, of kind `other`. Patterns and lines are compared folded to one Unicode form (fold.ts).
 */
import { fold } from './fold';
import { WHATSAPP_STRINGS, type WhatsAppStrings } from './locale-strings';

const MARKS = /[\u200E\u200F\u202A\u202C]/g;

/** A copy for matching only: bidi marks are layout hints, not text, and vary between exports. */
function withoutMarks(text: string): string {
  return fold(text.replace(MARKS, ''));
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyOf = (pick: (s: WhatsAppStrings) => string | undefined): RegExp =>
  new RegExp(
    WHATSAPP_STRINGS.flatMap((s) => {
      const pattern = pick(s);
      return pattern === undefined ? [] : [`(?:${fold(pattern)})`];
    }).join('|'),
    'u',
  );
/** A call notice is the whole body (after marks), with or without a full stop. */
const wholeLine = (pick: (s: WhatsAppStrings) => readonly string[]): RegExp => {
  const texts = WHATSAPP_STRINGS.flatMap(pick).map((text) => escape(fold(text)));
  return new RegExp(`^(?:${texts.join('|')})\\.?$`, 'u');
};

const CALLS: ReadonlyArray<readonly [RegExp, string]> = [
  [wholeLine((s) => s.missedVoiceCall), 'missed_voice_call'],
  [wholeLine((s) => s.missedVideoCall), 'missed_video_call'],
];

/** Notices that on iOS carry an ordinary author, so only their wording identifies them. */
const NOTICES: ReadonlyArray<readonly [RegExp, string]> = [
  [new RegExp(WHATSAPP_STRINGS.map((s) => fold(s.encrypted)).join('|'), 'iu'), 'encryption_notice'],
  [anyOf((s) => s.securityCode), 'security_code_changed'],
  ...CALLS,
  [/^This business uses a secure service|^This chat is with a business account/, 'business_notice'],
];

const EVENTS: ReadonlyArray<readonly [RegExp, string]> = [
  ...NOTICES,
  [anyOf((s) => s.created), 'created_group'],
  [anyOf((s) => s.subject), 'subject_changed'],
  [anyOf((s) => s.icon), 'icon_changed'],
  [/changed the group description|die Gruppenbeschreibung /, 'description_changed'],
  [/message timer|disappearing messages|selbstlöschende Nachrichten/i, 'disappearing_messages'],
  [/now an admin|no longer an admin|jetzt Admin|kein Admin mehr/, 'admin_changed'],
  [anyOf((s) => s.joined), 'joined'],
  [/changed their phone number|changed to |number was changed|hat die Nummer gewechselt/, 'number_changed'],
  [anyOf((s) => s.removed), 'removed'],
  [anyOf((s) => s.added), 'added'],
  [anyOf((s) => s.left), 'left'],
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

/**
 * For a body that starts with U+200E: a missed call (`missed_voice_call`, `missed_video_call`), which is
 * the author's call and kept as one; or null.
 */
export function callKind(body: string): string | null {
  return firstMatch(CALLS, withoutMarks(body).trim());
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
