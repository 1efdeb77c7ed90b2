/**
 * What an export selects, before any output shapes it: the document units in bundle order, each with
 * its reference, and each unit's items — produced messages with their text already redacted, withheld
 * ones with the reason they are held back. Every output (outputs/) reads this and nothing else of the
 * case's review state, so the decisions apply once, the same way, whatever the bundle is made of.
 *
 * Only the document units (a few numbers each) are held for the whole export; a unit's items are read
 * from the case as an output iterates them, and a long body's text arrives in pieces (long-body.ts),
 * so a million messages are never in memory at once (docs/export-memory.md).
 */
import type { ReadableDB } from '../../db/connection';
import type { CaseMetaRow } from '../../db/queries/case-meta';
import type { ExportConversationRow, ExportMessageRow } from '../../db/queries/export';
import type { DocumentUnit } from '../../common/domain/model';
import type { RedactedStream, RedactedText } from '../../common/domain/redaction';
import type { PrintedLabels } from '../redact/printed-labels';
import type { Needle } from './leaks';
import type { Numbering } from './numbering';

/** One reference's worth of material: a conversation, or one day of it. */
export interface DocumentPlan {
  readonly conversation: ExportConversationRow;
  readonly fromPosition: number;
  readonly toPosition: number;
  /** The calendar day (YYYY-MM-DD in the case's zone) of a 24-hour slice; null for a whole conversation. */
  readonly day: string | null;
  readonly produced: number;
  readonly firstAt: number | null;
  readonly lastAt: number | null;
}

/** A document unit with the reference it is produced under. */
export interface SelectedDocument extends DocumentPlan {
  readonly reference: string;
}

/** A message as selected: its row without its body (the item's text stands for that). */
export type SelectedMessage = Omit<ExportMessageRow, 'body' | 'whole'>;

export interface SelectedAttachment {
  readonly id: number;
  /** As printed: a box with the reason when the name is redacted; null when the source named no file. */
  readonly name: RedactedText | null;
  readonly mime: string | null;
  /** Whether the source held the file. */
  readonly present: boolean;
  /** Why a file is missing; it can quote a path, so it is null when the name is redacted. */
  readonly missingReason: string | null;
  /** The reason it is withheld whole (its decision as it takes effect is "withhold"): a slip is printed in its place. */
  readonly withheld: string | null;
  /** The original's SHA-256 and size as imported (null when the source gave no file). */
  readonly sha256: string | null;
  readonly size: number | null;
  /** Whether the case holds its bytes, so it can be produced. */
  readonly kept: boolean;
}

/** A message the bundle produces. */
export interface ProducedItem {
  readonly kind: 'produced';
  readonly message: SelectedMessage;
  /** The sender's label as printed (a box when redacted); system notices and unknown senders say so. */
  readonly sender: RedactedText;
  /** A stream for a body longer than INLINE_BODY_BYTES: its segments are produced as they are read. */
  readonly text: RedactedText | RedactedStream;
  /** The message it replies to, when the case holds it: its sender as printed (null when none recorded) and time. */
  readonly replyTo: { readonly sender: RedactedText | null; readonly sentAt: number | null } | null;
  readonly attachments: readonly SelectedAttachment[];
  /** Other custodians holding the same message (a duplicate is produced once, at its first place). */
  readonly alsoHeldBy: readonly string[];
}

/** A message held back: an output shows that, and why, never what. */
export interface WithheldItem {
  readonly kind: 'withheld';
  readonly message: SelectedMessage;
  /** The whole-item redaction's reason label, or WITHHELD_WITHOUT_REASON for the outcome "withhold". */
  readonly reason: string;
}

export type SelectedItem = ProducedItem | WithheldItem;

/**
 * What redactions hide in the items read: each one the moment it is known (for a streamed body, once
 * its text has been read). An output that verifies what it wrote searches for these.
 */
export type HiddenSink = (needle: Needle) => void;

/** Reading a scope's document units: what an output (or the preview of one) asks of the case. */
export interface ItemReader {
  /** The snapshot every read of the export comes from. */
  readonly db: ReadableDB;
  /** The case's time zone, in which days are cut and times are printed. */
  readonly zone: string;
  /** Participant labels, titles and file names as printed, redacted ones as boxes. */
  readonly printed: PrintedLabels;
  /** The conversation's title as printed. */
  title(document: DocumentPlan): RedactedText;
  /** The conversation's participants as printed, joined by `separator`. */
  participants(document: DocumentPlan, separator: string): RedactedText;
  /** The unit's items in order, read from the case as they are asked for. */
  items(document: DocumentPlan, hidden?: HiddenSink): Iterable<SelectedItem>;
}

/** What an export produces, the same for every output. */
export interface Selection extends ItemReader {
  readonly meta: CaseMetaRow;
  readonly unit: DocumentUnit;
  readonly numbering: Numbering;
  /** In bundle order; never empty for an export. */
  readonly documents: readonly SelectedDocument[];
  readonly produced: number;
  readonly withheld: number;
}
