/**
 * The domain vocabulary, in one place. db/, the services, the CLI and the preload contract all take
 * their enumerations and record shapes from here, so a value the database accepts is a value the
 * contract accepts. Pure TypeScript: no node:, no DOM, no electron.
 */

export const CLASSIFICATIONS = ['business', 'personal', 'mixed', 'unclassified'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const RELEVANCES = ['relevant', 'not_relevant', 'unassessed'] as const;
export type Relevance = (typeof RELEVANCES)[number];

export const OUTCOMES = ['disclose', 'disclose_redacted', 'withhold', 'pending'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SOURCE_FORMATS = ['whatsapp', 'sms_backup_restore', 'telegram', 'imessage', 'cellebrite_ufdr', 'rsmf', 'signal'] as const;
export type SourceFormat = (typeof SOURCE_FORMATS)[number];

/** How each format is named to the user, in the app and in reports. */
export const SOURCE_FORMAT_LABELS: Readonly<Record<SourceFormat, string>> = {
  whatsapp: 'WhatsApp export',
  sms_backup_restore: 'SMS Backup & Restore XML',
  telegram: 'Telegram Desktop JSON',
  imessage: 'iMessage database',
  cellebrite_ufdr: 'Cellebrite UFDR',
  rsmf: 'RSMF 2.0',
  signal: 'Signal (signal-export)',
};

export const PLATFORMS = ['whatsapp', 'sms', 'imessage', 'telegram', 'signal', 'other'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const CONVERSATION_KINDS = ['direct', 'group', 'channel', 'unknown'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

export const MESSAGE_KINDS = ['text', 'media', 'system', 'call', 'deleted', 'location', 'poll', 'contact', 'other'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const DIRECTIONS = ['outgoing', 'incoming', 'system', 'unknown'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** How the direction was decided: a flag in the source, or our inference from the custodian's handle. */
export const DIRECTION_BASES = ['source', 'owner_handle', 'custodian_name', 'unknown'] as const;
export type DirectionBasis = (typeof DIRECTION_BASES)[number];

/** WhatsApp says "edited" with no history; RSMF and iMessage can carry the earlier text. */
export const EDITED_KINDS = ['none', 'edited_history_unknown', 'edited_history_known'] as const;
export type EditedKind = (typeof EDITED_KINDS)[number];

/** A placeholder the user's app left ("This message was deleted") is not a carved, recovered record. */
export const DELETED_KINDS = ['none', 'placeholder', 'recovered'] as const;
export type DeletedKind = (typeof DELETED_KINDS)[number];

/**
 * Where a time came from: the source stated the instant (`explicit`), we read a wall-clock time in a
 * zone the user confirmed or defaulted (`assumed:<IANA zone>`), or the source gives no basis at all.
 */
export type TzBasis = 'explicit' | 'unknown' | `assumed:${string}`;
export const isTzBasis = (value: string): value is TzBasis =>
  value === 'explicit' || value === 'unknown' || /^assumed:[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(value);

export const DATE_ORDERS = ['dmy', 'mdy', 'ymd'] as const;
export type DateOrder = (typeof DATE_ORDERS)[number];

export const SOURCE_NOTE_KINDS = ['warning', 'repair', 'assumption'] as const;
export type SourceNoteKind = (typeof SOURCE_NOTE_KINDS)[number];

export const REDACTION_KINDS = ['span', 'whole'] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

export const DOCUMENT_UNITS = ['conversation', 'day'] as const;
export type DocumentUnit = (typeof DOCUMENT_UNITS)[number];

/** Why a produced item is listed in the pre-export consistency report (docs/spec.md §12). */
export const CONSISTENCY_WARNINGS = ['personal', 'not_relevant', 'custodian_flag', 'article8_unassessed'] as const;
export type ConsistencyWarningKind = (typeof CONSISTENCY_WARNINGS)[number];

export const CONSISTENCY_WARNING_LABELS: Readonly<Record<ConsistencyWarningKind, string>> = {
  personal: 'classified personal',
  not_relevant: 'not relevant',
  custodian_flag: 'custodian flag not resolved',
  article8_unassessed: 'Article 8 engaged, no assessment',
};

/** The reference prefix of draft bundles, before the case's own: DRAFT-INQ000000001. */
export const DRAFT_PREFIX = 'DRAFT-';

export const CASE_MODES = ['full', 'custodian_check'] as const;
export type CaseMode = (typeof CASE_MODES)[number];

/** Article 8 ECHR, structured on the Bank Mellat (No 2) [2013] UKSC 39 questions. */
export const ARTICLE8_ENGAGED = ['yes', 'no', 'unclear'] as const;
export type Article8Engaged = (typeof ARTICLE8_ENGAGED)[number];
export const ARTICLE8_WHOSE = ['custodian', 'third_party', 'both'] as const;
export type Article8Whose = (typeof ARTICLE8_WHOSE)[number];
export const LESS_INTRUSIVE_STEPS = ['none', 'redaction', 'gist', 'summary', 'withholding'] as const;
export type LessIntrusiveStep = (typeof LESS_INTRUSIVE_STEPS)[number];

export interface ReasonCode {
  readonly code: string;
  readonly label: string;
  readonly description: string;
}

/** docs/spec.md §6. Codes are stable identifiers; labels are editable per case. */
export const DEFAULT_REASON_CODES: readonly ReasonCode[] = [
  { code: 'irrelevant-sensitive', label: 'Irrelevant and sensitive', description: 'Outside the request and sensitive.' },
  { code: 'personal-third-party', label: 'Personal data (third party)', description: 'Personal data of someone other than the custodian.' },
  { code: 'personal-contact', label: 'Personal data (contact details)', description: 'Telephone numbers, e-mail or postal addresses.' },
  { code: 'article-8', label: 'Article 8: private and family life', description: 'Interference not justified under Article 8(2) ECHR.' },
  { code: 'lpp', label: 'Legal professional privilege', description: 'Legal advice or litigation privilege.' },
  { code: 'national-security', label: 'National security', description: 'Disclosure would damage national security.' },
  { code: 'commercial', label: 'Commercially sensitive', description: 'Commercially confidential information.' },
];

export const DEFAULT_TIME_ZONE = 'Europe/London';
export const DEFAULT_REFERENCE_WIDTH = 9;
export const DEFAULT_PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE';

export interface CaseDetails {
  readonly name: string;
  readonly inquiry: string;
  readonly requestReference: string;
  readonly referencePrefix: string;
  readonly protectiveMarking: string;
  readonly defaultTimeZone: string;
}

export interface CaseInfo extends CaseDetails {
  readonly caseId: string;
  readonly path: string;
  readonly schemaVersion: number;
  readonly mode: CaseMode;
  readonly createdAt: number;
  readonly readOnly: boolean;
}

/** Counts per table, for the case summary and `disclosure-desk stats`. */
export const SUMMARY_COUNTS = [
  'custodians',
  'sources',
  'conversations',
  'messages',
  'participants',
  'people',
  'attachments',
  'reviews',
  'reviewEvents',
  'redactions',
  'bundles',
  'auditEntries',
] as const;
export type SummaryCount = (typeof SUMMARY_COUNTS)[number];
export type CaseCounts = Readonly<Record<SummaryCount, number>>;

export interface RecentCase {
  readonly path: string;
  readonly name: string;
  readonly openedAt: number;
  readonly exists: boolean;
}
