/**
 * What `audit --verify` can find wrong with a case's log (main/audit/log.ts), shared by the service,
 * the CLI and the contract.
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
