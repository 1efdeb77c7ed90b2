/**
 * What bundle verification reports (docs/spec.md §7, §12 "failures name their cause"), as data, and the one
 * set of words for it that the CLI prints and the Bundles screen shows.
 *
 * A leak failure says which decision hid the text (a redaction, a withheld message, a redacted name
 * or title, with the message's conversation, sender, time and reference), where in the bundle the
 * text was found, and what else the bundle prints with the same text: the usual cause, each with
 * the place the reviewer fixes it. It never repeats the hidden text — the report is shown, logged
 * and printed — so a name or title that contains it carries HIDDEN_PLACEHOLDER instead.
 */

export const HIDDEN_PLACEHOLDER = '[the hidden text]';

export const VERIFY_CHECKS = ['files', 'pages', 'references', 'schedule', 'leak', 'audit', 'images', 'rsmf'] as const;
export type VerifyCheck = (typeof VERIFY_CHECKS)[number];

/** A message as the reviewer finds it: its place for Review, and how the bundle names it. */
export interface MessageRef {
  readonly messageId: number;
  readonly conversationId: number;
  /** Its position in the conversation (what Review opens at). */
  readonly position: number;
  readonly conversation: string;
  /** Null for a message with no sender recorded (a system notice). */
  readonly sender: string | null;
  /** As the bundle prints times ("Thu 28 May 2020 13:21 BST"), or "undated". */
  readonly sent: string;
  /** Its reference in this bundle; null for a message the bundle does not produce. */
  readonly reference: string | null;
}

/** The decision that hid the text. */
export type HiddenDecision =
  | { readonly kind: 'redacted-text'; readonly reason: string; readonly message: MessageRef }
  | { readonly kind: 'withheld-item'; readonly reason: string; readonly message: MessageRef }
  /** A redacted sender's name; `message` is one of theirs in the bundle, when there is one. */
  | { readonly kind: 'redacted-name'; readonly reason: string; readonly participantId: number; readonly message: MessageRef | null }
  | {
      readonly kind: 'redacted-title';
      readonly reason: string;
      readonly conversationId: number;
      readonly custodian: string;
      readonly references: readonly string[];
    }
  /** A redacted source file's or attachment's name; `message` is one it prints with in the bundle, when there is one. */
  | {
      readonly kind: 'redacted-file-name';
      readonly reason: string;
      readonly target: 'source-file' | 'attachment';
      readonly id: number;
      readonly message: MessageRef | null;
    };

export type LeakLocation =
  | { readonly kind: 'extract-page'; readonly reference: string; readonly page: number; readonly bundlePage: number }
  /** The cover or the index. */
  | { readonly kind: 'front-page'; readonly bundlePage: number }
  /** "PDF document information (Subject)", "PDF XMP metadata", "PDF bookmarks". */
  | { readonly kind: 'pdf-metadata'; readonly field: string }
  /** Inside the PDF but on no page: stream n, or the file's bytes when `stream` is null. */
  | { readonly kind: 'pdf-internals'; readonly stream: number | null }
  /** `row` counts the header as row 1, as a spreadsheet does; null when no single row holds it. */
  | { readonly kind: 'schedule-csv'; readonly row: number | null; readonly reference: string | null }
  | { readonly kind: 'schedule-xlsx'; readonly part: string }
  /** The attachments schedule (attachments.csv); `row` as for the schedule. */
  | { readonly kind: 'attachments-csv'; readonly row: number | null }
  | { readonly kind: 'manifest' }
  /** In an RSMF file (`file`): `part` is "the e-mail", "the text body" or a member of its rsmf.zip. */
  | { readonly kind: 'rsmf'; readonly file: string; readonly part: string };

/**
 * Where the reviewer fixes a cause: a message (or, with no position, a conversation) in Review, or the
 * Redaction screen's names and titles.
 */
export type FixTarget =
  | { readonly kind: 'review'; readonly conversationId: number; readonly position: number | null; readonly messageId: number | null }
  | { readonly kind: 'labels' };

/** Something else the bundle prints that holds the same text: why it got out. */
export type LeakCause =
  /** A participant's label, printed as the sender of `message` (or in the participants of `conversationId`'s extract). */
  | { readonly kind: 'sender-name'; readonly participantId: number; readonly conversationId: number; readonly message: MessageRef | null }
  | { readonly kind: 'conversation-title'; readonly conversationId: number; readonly custodian: string; readonly reference: string | null }
  /** The hidden text occurs again, unredacted, in the very message it was redacted in. */
  | { readonly kind: 'same-message'; readonly message: MessageRef }
  /** Another produced message holds it unredacted; `more` others do too. */
  | { readonly kind: 'other-message'; readonly message: MessageRef; readonly more: number }
  | { readonly kind: 'attachment-name'; readonly message: MessageRef }
  /** The custodian, device or source file printed in an extract's details. */
  | { readonly kind: 'extract-details'; readonly field: 'custodian' | 'device' | 'source file'; readonly reference: string | null }
  /** The case details printed on the cover and every page's header. */
  | { readonly kind: 'case-details'; readonly field: string }
  /** Nothing the case prints holds it: the files were changed after writing, or a fault. */
  | { readonly kind: 'not-printed' };

export interface LeakFailure {
  readonly hidden: HiddenDecision;
  /** How many other decisions hide the same text (one number redacted in several messages). */
  readonly alsoHiddenIn: number;
  readonly locations: readonly LeakLocation[];
  /** Places found beyond those listed. */
  readonly moreLocations: number;
  /** Most likely first; never empty (`not-printed` when nothing else holds the text). */
  readonly causes: readonly LeakCause[];
}

export type VerifyProblem =
  | { readonly check: Exclude<VerifyCheck, 'leak'>; readonly message: string }
  | { readonly check: 'leak'; readonly message: string; readonly leak: LeakFailure };

export interface VerifyReport {
  readonly ok: boolean;
  readonly pages: number;
  readonly documents: number;
  readonly scheduleRows: number;
  /** How many hidden strings were searched for, and how many were too short to search meaningfully. */
  readonly checkedStrings: number;
  readonly tooShortToCheck: number;
  /** False when no list of hidden strings was available (a bundle verified without its case). */
  readonly leakCheck: boolean;
  readonly problems: readonly VerifyProblem[];
}

/** A cause in words: why it usually happens, what to do, and the button that opens the place. */
export interface CauseWords {
  readonly why: string;
  readonly fix: string;
  readonly open: { readonly label: string; readonly target: FixTarget } | null;
}

export interface LeakWords {
  /** Which decision: "Redacted text (Personal data (contact details)) in the message from …". */
  readonly what: string;
  /** "page 2 of INQ000000001 (bundle page 4); row 5 of the schedule CSV (INQ000000001)". */
  readonly where: string;
  readonly causes: readonly CauseWords[];
  /** Opens the message the decision was taken on, when there is one. */
  readonly openHidden: { readonly label: string; readonly target: FixTarget } | null;
}

const quoted = (text: string): string => `“${text}”`;

/**
 * "the message from Euan Baird, sent Thu 28 May 2020 13:21 BST, in “Covid Core Group” (INQ000000001)";
 * without the sender where there is none, or where the sentence is about the sender's name itself.
 */
export function messageWords(m: MessageRef, withSender = true): string {
  const reference = m.reference === null ? '' : ` (${m.reference})`;
  const where = `in ${quoted(m.conversation)}${reference}`;
  return withSender && m.sender !== null
    ? `the message from ${m.sender}, sent ${m.sent}, ${where}`
    : `the message sent ${m.sent}, ${where}`;
}

const messageTarget = (m: MessageRef): FixTarget => ({
  kind: 'review',
  conversationId: m.conversationId,
  position: m.position,
  messageId: m.messageId,
});

function hiddenWords(h: HiddenDecision): string {
  switch (h.kind) {
    case 'redacted-text':
      return `Redacted text (${h.reason}) in ${messageWords(h.message)}`;
    case 'withheld-item':
      return `The withheld message (${h.reason}): ${messageWords(h.message)}`;
    case 'redacted-name':
      return `A redacted sender’s name (${h.reason})${h.message ? `: the sender of ${messageWords(h.message, false)}` : ''}`;
    case 'redacted-title':
      return `The redacted title (${h.reason}) of a conversation of ${h.custodian}${h.references.length ? ` (${h.references.join(', ')})` : ''}`;
    case 'redacted-file-name':
      return `A redacted ${h.target === 'source-file' ? 'source file name' : 'attachment name'} (${h.reason})${h.message ? `, printed with ${messageWords(h.message)}` : ''}`;
  }
}

export function locationWords(l: LeakLocation): string {
  switch (l.kind) {
    case 'extract-page':
      return `page ${l.page} of ${l.reference} (bundle page ${l.bundlePage})`;
    case 'front-page':
      return `the cover or index (bundle page ${l.bundlePage})`;
    case 'pdf-metadata':
      return `the ${l.field}`;
    case 'pdf-internals':
      return l.stream === null ? 'the PDF file’s bytes, on no page' : `the PDF’s internal stream ${l.stream}, on no page`;
    case 'schedule-csv':
      return l.row === null ? 'the schedule CSV' : `row ${l.row} of the schedule CSV${l.reference ? ` (${l.reference})` : ''}`;
    case 'schedule-xlsx':
      return `the schedule XLSX (${l.part})`;
    case 'attachments-csv':
      return l.row === null ? 'the attachments schedule CSV' : `row ${l.row} of the attachments schedule CSV`;
    case 'manifest':
      return 'the manifest (manifest.json)';
    case 'rsmf':
      return `${l.part} of ${l.file}`;
  }
}

function causeWords(c: LeakCause, hidden: HiddenDecision): CauseWords {
  const isWithheld = hidden.kind === 'withheld-item';
  switch (c.kind) {
    case 'sender-name':
      return {
        why: `this text is also printed as a sender’s name${c.message ? ` (the sender of ${messageWords(c.message, false)})` : ' (in the participants of an extract)'}`,
        fix: 'redact the name too: “Redact this sender’s name…” beside the message in Review',
        open: {
          label: 'Open the sender’s message in Review',
          target: c.message
            ? messageTarget(c.message)
            : { kind: 'review', conversationId: c.conversationId, position: null, messageId: null },
        },
      };
    case 'conversation-title':
      return {
        why: `this text is also the title of ${c.custodian}’s conversation${c.reference ? ` ${c.reference}` : ''}, printed in the index, the extract’s heading and the schedule`,
        fix: 'redact the title too: “Redact title…” above the conversation in Review',
        open: {
          label: 'Open the conversation in Review',
          target: { kind: 'review', conversationId: c.conversationId, position: null, messageId: null },
        },
      };
    case 'same-message':
      return {
        why: 'the same text occurs again, unredacted, elsewhere in this message',
        fix: 'redact every occurrence in the message',
        open: { label: 'Open the message in Review', target: messageTarget(c.message) },
      };
    case 'other-message':
      return {
        why: `the same text ${isWithheld ? 'is produced' : 'also appears unredacted'} in another message of the bundle: ${messageWords(c.message)}${c.more > 0 ? `, and ${c.more} more` : ''}`,
        fix: isWithheld
          ? 'withhold or redact that message too'
          : 'redact every occurrence (Redaction → Every occurrence), or redact it in that message',
        open: { label: 'Open that message in Review', target: messageTarget(c.message) },
      };
    case 'attachment-name':
      return {
        why: `this text is printed as an attachment’s file name on ${messageWords(c.message)}`,
        fix: 'redact the attachment’s name: Redaction → Every occurrence finds it, or `redact --attachment <id>`',
        open: { label: 'Open that message in Review', target: messageTarget(c.message) },
      };
    case 'extract-details':
      return {
        why: `this text is printed in the extract’s details as the ${c.field}${c.reference ? ` (${c.reference})` : ''}`,
        fix:
          c.field === 'source file'
            ? 'redact the source file’s name: Redaction → Every occurrence finds it, or `redact --source-file <id>`'
            : 'those details are printed as imported and cannot be redacted: leave that conversation out of the bundle’s scope',
        open: null,
      };
    case 'case-details':
      return {
        why: `this text is part of the case details (${c.field}) printed on the cover and every page`,
        fix: 'case details cannot be redacted: choose case details that do not name it',
        open: null,
      };
    case 'not-printed':
      return {
        why: 'nothing this case prints holds this text, so the files were changed after they were written, or this is a fault in Disclosure Desk',
        fix: 'export again; if it happens again, keep the case and report it',
        open: null,
      };
  }
}

function hiddenTarget(h: HiddenDecision): LeakWords['openHidden'] {
  if (h.kind === 'redacted-text' || h.kind === 'withheld-item')
    return { label: 'Open the redacted message in Review', target: messageTarget(h.message) };
  if (h.kind === 'redacted-file-name') return h.message ? { label: 'Open the message in Review', target: messageTarget(h.message) } : null;
  return { label: 'Open Names and titles', target: { kind: 'labels' } };
}

export function describeLeak(f: LeakFailure): LeakWords {
  const where =
    f.locations.map(locationWords).join('; ') +
    (f.moreLocations > 0 ? `; and ${f.moreLocations} more place${f.moreLocations === 1 ? '' : 's'}` : '');
  const also = f.alsoHiddenIn > 0 ? ` (the same text is hidden in ${f.alsoHiddenIn} more place${f.alsoHiddenIn === 1 ? '' : 's'})` : '';
  return {
    what: `${hiddenWords(f.hidden)}${also}`,
    where,
    causes: f.causes.map((c) => causeWords(c, f.hidden)),
    openHidden: hiddenTarget(f.hidden),
  };
}

/** One failure as the CLI prints it: what, where, then each likely cause with its fix. */
export function leakText(f: LeakFailure): string {
  const words = describeLeak(f);
  const causes = words.causes.map((c) => `Why: ${c.why}. Fix: ${c.fix}.`);
  return [`${words.what} was found in the bundle: ${words.where}.`, ...causes].join('\n    ');
}
