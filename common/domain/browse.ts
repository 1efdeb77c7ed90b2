/**
 * What the case holds, as the Sources screen and the timeline browse it: custodians, the sources
 * imported from their devices with what the import noted, conversations, and messages with their
 * current decision and live redactions (main/browse). Pure TypeScript.
 */
import type {
  Classification,
  ConversationKind,
  DateOrder,
  DeletedKind,
  Direction,
  EditedKind,
  MessageKind,
  Outcome,
  Platform,
  RedactionKind,
  Relevance,
  SourceFormat,
  SourceNoteKind,
} from './model';
import type { Locator } from './parsed';

/** A person whose device was imported, with how much of the case came from them. */
export interface CustodianInfo {
  readonly id: number;
  readonly name: string;
  readonly role: string;
  readonly sources: number;
  readonly messages: number;
}

/** Whether a source's date order was inferred from its dates or given by the user at import. */
export type DateOrderBasis = 'inferred' | 'given';

/** An imported file or folder: where it came from, its hash, how it was read and what it held. */
export interface SourceInfo {
  readonly id: number;
  readonly custodianId: number;
  readonly custodian: string;
  readonly deviceLabel: string;
  readonly format: SourceFormat;
  readonly formatLabel: string;
  /** The tool that made the export, and its version, when the file says. */
  readonly producer: string | null;
  readonly producerVersion: string | null;
  readonly fileName: string;
  readonly filePath: string;
  readonly fileSize: number;
  readonly sha256: string;
  readonly importedAt: number;
  readonly importedBy: string;
  readonly parserVersion: string;
  /** The zone wall-clock times were read in. */
  readonly timeZone: string;
  /** For formats that write dates without saying their order (WhatsApp); null elsewhere. */
  readonly dateOrder: DateOrder | null;
  readonly dateOrderBasis: DateOrderBasis | null;
  readonly messages: number;
  readonly conversations: number;
  readonly participants: number;
  readonly attachments: number;
  /** How many notes of each kind the import left (see SourceNote). */
  readonly warnings: number;
  readonly repairs: number;
  readonly assumptions: number;
  /** The note suggesting a check of the zone its times were read in (import-notes.ts ZONE_CHECK_NOTE), or null. */
  readonly zoneCheck: string | null;
}

/** Something the import noted about a source: a warning, a repair it made, or an assumption; where in the file, when known. */
export interface SourceNote {
  readonly kind: SourceNoteKind;
  readonly message: string;
  readonly locator: Locator | null;
}

/** A page of a source's notes, and how many there are. */
export interface SourceNotesPage {
  readonly total: number;
  readonly notes: SourceNote[];
}

export interface ConversationInfo {
  readonly id: number;
  readonly sourceId: number;
  readonly custodian: string;
  readonly platform: Platform;
  readonly kind: ConversationKind;
  readonly title: string;
  readonly messages: number;
  readonly participants: number;
  /** Its first and last dated messages; null when none is dated. */
  readonly firstAt: number | null;
  readonly lastAt: number | null;
  /** The application, when the platform is "other" and the source names it (an RSMF from Microsoft Teams); else null. */
  readonly application: string | null;
}

/** An attachment as the message records it; `present` false when the export did not include the file (and why). */
export interface TimelineAttachment {
  readonly fileName: string | null;
  readonly mime: string | null;
  readonly size: number | null;
  readonly present: boolean;
  readonly missingReason: string | null;
  /** The type its content is, recognised at import (null when the file was absent, or imported before content was read). */
  readonly detectedMime: string | null;
  /** Sentences about the file: its name's extension disagreeing with its content, "could not be decoded: …", not kept. */
  readonly notes: string[];
  readonly id: number;
  /** Its decision as it takes effect (its own fields, else its message's); `own`: any field is its own. */
  readonly decision: {
    readonly classification: Classification;
    readonly relevance: Relevance;
    readonly outcome: Outcome;
    readonly own: boolean;
  };
}

export interface TimelineReaction {
  readonly actor: string;
  readonly reaction: string;
}

/** A live redaction drawn in place: UTF-16 offsets into the body, null for a whole item. */
export interface TimelineRedaction {
  readonly id: number;
  readonly kind: RedactionKind;
  readonly start: number | null;
  readonly end: number | null;
  readonly reasonCode: string;
  readonly label: string;
}

/** A message as the timeline shows it. */
export interface TimelineMessage {
  readonly id: number;
  /** Its place in the conversation, from 0. */
  readonly position: number;
  readonly sentAt: number | null;
  /** The time as the source wrote it. */
  readonly sentAtRaw: string | null;
  /** Where the time came from (a `TzBasis`: explicit, assumed:<zone> or unknown). */
  readonly tzBasis: string;
  readonly sender: string | null;
  readonly senderParticipantId: number | null;
  /** The live redaction of the sender's label: the bundle prints a box with this reason instead of the name. */
  readonly senderRedaction: { readonly id: number; readonly reasonCode: string; readonly label: string } | null;
  readonly senderIsOwner: boolean;
  readonly direction: Direction;
  readonly kind: MessageKind;
  readonly systemKind: string | null;
  readonly body: string;
  readonly edited: EditedKind;
  /**
   * Where the platform's edit marker ("<This message was edited>") starts in the body, with the space
   * before it, or null: the body keeps it as the export wrote it, and the timeline shows the words before it.
   */
  readonly editMarkerAt: number | null;
  readonly deleted: DeletedKind;
  readonly replyToMessageId: number | null;
  /** `low` for carved or heuristically recovered records. */
  readonly confidence: 'high' | 'low';
  readonly locator: Locator;
  readonly attachments: TimelineAttachment[];
  readonly reactions: TimelineReaction[];
  /** The current review decision (defaults when the message has not been reviewed). */
  readonly classification: Classification;
  readonly relevance: Relevance;
  readonly outcome: Outcome;
  readonly redactions: TimelineRedaction[];
}

/** A window of a conversation's messages, and how many it has. */
export interface TimelineWindow {
  readonly total: number;
  readonly messages: TimelineMessage[];
}
