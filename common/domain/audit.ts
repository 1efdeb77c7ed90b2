/**
 * The audit log (docs/spec.md §12) as the service, the CLI and the contract share it: what
 * `audit --verify` can find wrong with a case's log (main/audit/log.ts), and how the Audit screen
 * filters and lists entries (main/audit/browse.ts).
 */
export const AUDIT_PROBLEMS = [
  /** An entry's content no longer matches its hash. */
  'edited',
  /** A gap in the chain. */
  'deleted',
  /** An entry links to one written after it. */
  'reordered',
  /** Entries gone from the end: the id sequence, or the case's record of a bundle or pack, outruns the log. */
  'truncated',
  /** No entries at all: every case starts with its creation entry. */
  'emptied',
  /** The log does not start with this case's (or pack's) creation entry. */
  'missing-creation',
  /** A chain head the log itself recorded for an export no longer matches the entry it names. */
  'rewritten',
] as const;
export type AuditProblemKind = (typeof AUDIT_PROBLEMS)[number];

/** The item an audit listing is narrowed to: a message (by id or by its reference in a bundle) or a conversation. */
export type AuditItem =
  | { readonly kind: 'message'; readonly messageId: number }
  | { readonly kind: 'reference'; readonly reference: string }
  | { readonly kind: 'conversation'; readonly conversationId: number };

/** Narrows the audit listing; null in a field means "any". */
export interface AuditFilter {
  readonly actions: string[] | null;
  readonly actor: string | null;
  /** UTC epoch ms, inclusive. */
  readonly from: number | null;
  /** UTC epoch ms, exclusive. */
  readonly to: number | null;
  readonly item: AuditItem | null;
}

/** What an entry opens: a message in Review, a conversation, a bundle, a source, or a screen. */
export type AuditTarget =
  | {
      readonly kind: 'message';
      readonly messageId: number;
      readonly conversationId: number;
      readonly position: number;
      /** How many messages the entry concerns; this is the first. */
      readonly messages: number;
    }
  | { readonly kind: 'conversation'; readonly conversationId: number }
  | { readonly kind: 'bundle'; readonly bundleId: number }
  | { readonly kind: 'source'; readonly sourceId: number }
  | { readonly kind: 'screen'; readonly screen: 'overview' | 'sources' | 'redaction' };

/** An audit entry as the Audit screen lists it: the recorded fields, described, and what it opens. */
export interface AuditListEntry {
  readonly id: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  /** The action in words ("Redaction added"). */
  readonly actionLabel: string;
  /** The entry's details in one line. */
  readonly summary: string;
  readonly subject: string;
  readonly hash: string;
  /** Null when the entry concerns nothing the app can open. */
  readonly target: AuditTarget | null;
}
