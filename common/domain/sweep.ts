/**
 * Finding text to redact (docs/spec.md §6): suggestions (phone numbers, e-mail addresses, the names
 * list…), "redact every occurrence" of a text or pattern, and sweeps, which run either over a whole
 * scope as a job before anything is applied. Offsets are UTF-16 code units, as in ./redaction.ts.
 */
import type { OutcomeMove, PrintedNameField, SuggestionKind } from './redaction';

/** Where suggestions and "every occurrence" look. */
export type TextScope =
  | { readonly kind: 'message'; readonly messageId: number }
  | { readonly kind: 'conversation'; readonly conversationId: number }
  | { readonly kind: 'custodian'; readonly custodianId: number }
  | { readonly kind: 'case' };

/** A few words either side of a hit, for the reviewer to judge it; never more than the hit's message. */
export interface HitContext {
  readonly before: string;
  readonly match: string;
  readonly after: string;
}

/** Text found in a message body: [start, end) of it. */
export interface Occurrence {
  readonly messageId: number;
  readonly conversationId: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly context: HitContext;
  /** Already hidden by a live redaction of the message (span covering it, or the whole item). */
  readonly alreadyRedacted: boolean;
}

/** An occurrence of something suggestions look for, and which kind it is. */
export interface Suggestion extends Occurrence {
  readonly kind: SuggestionKind;
}

/**
 * Pages go by message id: `after` is the last message id of the previous page (0 to start), and a
 * result's `next` is the value to pass for the following page, null at the end.
 */
export interface Paging {
  readonly after: number;
  readonly limit: number;
}

export interface FindSuggestionsArgs extends Paging {
  readonly scope: TextScope;
  readonly kinds: SuggestionKind[];
}

export interface FindSuggestionsResult {
  readonly suggestions: Suggestion[];
  readonly next: number | null;
}

/**
 * What "redact every occurrence" looks for: a text (whole words and any case by default; apostrophes
 * and accents however typed) or a regular expression (flags i, m, s; run under a time budget).
 */
export type OccurrenceTarget =
  | { readonly kind: 'text'; readonly text: string; readonly caseSensitive: boolean; readonly wholeWord: boolean }
  | { readonly kind: 'pattern'; readonly pattern: string; readonly flags: string };

export interface PreviewOccurrencesArgs extends Paging {
  readonly target: OccurrenceTarget;
  readonly scope: TextScope;
}

export interface PreviewOccurrencesResult {
  readonly hits: Occurrence[];
  readonly next: number | null;
}

/** A hit the reviewer accepted for redaction. */
export interface AcceptedHit {
  readonly messageId: number;
  readonly start: number;
  readonly end: number;
}

/** Accepted hits to redact, each as a span with this reason. */
export interface ApplyOccurrencesArgs {
  readonly hits: AcceptedHit[];
  readonly reasonCode: string;
  readonly note: string;
}

export interface ApplyOccurrencesResult {
  /** Span redactions written. */
  readonly added: number;
  /** Accepted hits already hidden by a live redaction: left alone. */
  readonly alreadyRedacted: number;
  readonly messages: number;
  /** Labels, titles and file names redacted whole (a sweep's hits outside bodies). */
  readonly names: number;
  readonly outcomeMoves: OutcomeMove[];
}

/**
 * A sweep: suggestions or every occurrence over a whole scope, run as a job (progress, cancel) that
 * reads every message before anything can be applied. Its complete list is fetched a window at a
 * time, grouped by conversation; hits are chosen by their index in that list.
 */
export type SweepRequest =
  | { readonly kind: 'suggestions'; readonly scope: TextScope; readonly kinds: SuggestionKind[] }
  | { readonly kind: 'occurrences'; readonly scope: TextScope; readonly target: OccurrenceTarget };

/**
 * A hit in a message's body, or in a label or name printed with it (`field`, and `targetId`: the
 * participant, conversation, source or attachment); those are redacted whole, and `start`/`end` are
 * then offsets into the name. `messageId` is a message it prints with.
 */
export interface SweepHit extends Occurrence {
  /** Its place in the sweep's list. */
  readonly index: number;
  /** What a suggestions sweep found; null in an occurrences sweep. */
  readonly kind: SuggestionKind | null;
  readonly sentAt: number | null;
  readonly field: 'body' | PrintedNameField;
  readonly targetId: number | null;
}

/** A conversation's run of the list: its hits are `count` from index `first`. */
export interface SweepGroup {
  readonly conversationId: number;
  readonly title: string;
  readonly custodian: string;
  readonly first: number;
  readonly count: number;
}

export const SWEEP_STATES = ['running', 'complete', 'cancelled', 'failed'] as const;
export type SweepState = (typeof SWEEP_STATES)[number];

export interface SweepStatus {
  readonly jobId: string;
  readonly state: SweepState;
  readonly scanned: number;
  readonly total: number;
  readonly hits: number;
  /** Hits a live redaction already hides (nothing to do); known when complete. */
  readonly alreadyRedacted: number;
  /** Filled when complete. */
  readonly groups: SweepGroup[];
  /** Complete, but the case changed since the scan read it: it must be run again before applying. */
  readonly stale: boolean;
  /** Why a failed sweep failed. */
  readonly error: { readonly name: string; readonly message: string } | null;
}

/** A window of a complete sweep's list. */
export interface SweepHitsArgs {
  readonly jobId: string;
  readonly offset: number;
  readonly limit: number;
}

/** Which hits of a complete sweep to redact: all but some (by list index), or only some. */
export type SweepChoice = { readonly kind: 'all'; readonly except: number[] } | { readonly kind: 'only'; readonly indices: number[] };

export interface ApplySweepArgs {
  readonly jobId: string;
  readonly choice: SweepChoice;
  readonly reasonCode: string;
  readonly note: string;
}
