/**
 * What a format parser yields. Parsers stream `ParseEvent`s; `main/import/run.ts` writes them into the
 * case inside one transaction. Parsers never touch the database, so they are tested on their own.
 */
import type { CancellationToken } from './cancellation';
import type {
  ConversationKind,
  DeletedKind,
  Direction,
  DirectionBasis,
  EditedKind,
  MessageKind,
  Platform,
  SourceFormat,
  SourceNoteKind,
  TzBasis,
  DateOrder,
} from './model';
import type { FieldCaps, FieldTruncation } from './field-caps';

/** Where a record sits in what was imported, so any message can be traced back to its bytes. */
export interface Locator {
  /** Path inside the imported file or folder (`_chat.txt`, `report.xml`), or the file's own name. */
  readonly file: string;
  readonly lineStart?: number;
  readonly lineEnd?: number;
  /** Record identity in the source: an XML model id, a SQLite ROWID, a JSON message id, an RSMF event id. */
  readonly record?: string;
  readonly byteOffset?: number;
}

export interface ParsedTime {
  /** UTC epoch milliseconds; null when the source holds no usable time for the record. */
  readonly utcMs: number | null;
  /** The time exactly as the source wrote it. */
  readonly raw: string | null;
  readonly basis: TzBasis;
}

export interface ParsedParticipant {
  /** Unique within one parse; messages and members refer to participants by this key. */
  readonly key: string;
  /** The label as written (display name, `~ name`, a number). */
  readonly label: string;
  /** A raw handle when the source has one: phone number, e-mail, user id. */
  readonly handle: string | null;
  /** The collected device's owner (the custodian's own account). */
  readonly isOwner: boolean;
  /** Fields the parser kept only the start of (see field-caps.ts): `sender` for the label, `handle`. */
  readonly truncated?: readonly FieldTruncation[];
}

export interface ParsedConversation {
  /** Unique within one parse. */
  readonly key: string;
  readonly platform: Platform;
  readonly kind: ConversationKind;
  readonly title: string;
  readonly externalId: string | null;
  /** Fields the parser kept only the start of (see field-caps.ts): `title`. */
  readonly truncated?: readonly FieldTruncation[];
}

export interface ParsedAttachment {
  readonly fileName: string | null;
  readonly mime: string | null;
  /** Path of the file inside the imported file or folder, when the export carries it. */
  readonly pathInSource: string | null;
  readonly present: boolean;
  /** Why the file is absent: "media omitted by export", "not downloaded", a skip string. */
  readonly missingReason: string | null;
  /** Bytes embedded in the source itself (SBR MMS base64 parts). */
  readonly embedded?: Uint8Array;
}

export interface ParsedReaction {
  readonly actorKey: string | null;
  readonly actorLabel: string;
  readonly reaction: string;
  readonly time: ParsedTime | null;
}

export interface ParsedEdit {
  readonly body: string;
  readonly time: ParsedTime | null;
}

export interface ParsedMessage {
  readonly conversationKey: string;
  /** Order within the source, starting at 0 and strictly increasing in emission order. */
  readonly seq: number;
  readonly externalId: string | null;
  readonly time: ParsedTime;
  readonly senderKey: string | null;
  readonly direction: Direction;
  readonly directionBasis: DirectionBasis;
  readonly kind: MessageKind;
  /** For kind `system`: what happened ("created_group", "encryption_notice", ...), free text. */
  readonly systemKind: string | null;
  /** Exactly as exported: never normalised, never trimmed of invisible characters. */
  readonly body: string;
  readonly edited: EditedKind;
  readonly editHistory: readonly ParsedEdit[];
  readonly deleted: DeletedKind;
  readonly replyToExternalId: string | null;
  readonly attachments: readonly ParsedAttachment[];
  readonly reactions: readonly ParsedReaction[];
  readonly locator: Locator;
  /** Repairs applied to this record's bytes or text before parsing. */
  readonly repairs: readonly string[];
  /** `low` for carved or heuristically recovered records. */
  readonly confidence: 'high' | 'low';
  /** Fields the parser kept only the start of, streaming the rest through a hash (see field-caps.ts). */
  readonly truncated?: readonly FieldTruncation[];
}

export interface ParseNote {
  readonly kind: SourceNoteKind;
  readonly message: string;
  readonly locator?: Locator;
}

/** A fatal problem with the input. The import is all or nothing, so any error rejects the file. */
export interface ParseProblem {
  readonly message: string;
  readonly locator: Locator;
}

export interface SourceDescription {
  readonly format: SourceFormat;
  readonly producer: string | null;
  readonly producerVersion: string | null;
  /** For formats whose dates need it (WhatsApp): the order used and whether it was inferred or given. */
  readonly dateOrder: DateOrder | null;
  readonly dateOrderBasis: 'inferred' | 'given' | null;
}

export type ParseEvent =
  | { readonly type: 'source'; readonly source: SourceDescription }
  | { readonly type: 'conversation'; readonly conversation: ParsedConversation }
  | { readonly type: 'participant'; readonly participant: ParsedParticipant }
  | { readonly type: 'member'; readonly conversationKey: string; readonly participantKey: string }
  | { readonly type: 'message'; readonly message: ParsedMessage }
  | { readonly type: 'note'; readonly note: ParseNote }
  | { readonly type: 'problem'; readonly problem: ParseProblem }
  | { readonly type: 'progress'; readonly bytesRead: number; readonly bytesTotal: number };

export interface ParseOptions {
  /** IANA zone for wall-clock times that carry no offset. */
  readonly timeZone: string;
  /** Overrides inference for formats with ambiguous day/month order. */
  readonly dateOrder?: DateOrder;
  /** Name of the custodian whose device this is; lets line formats tell "me" apart. */
  readonly custodianName?: string;
  /** Checked between records. */
  readonly token?: CancellationToken;
  /** How much of a field is kept (FIELD_CAPS unless a test asks for small caps). */
  readonly fieldCaps?: FieldCaps;
  /**
   * Refuse the whole file for a defect the parser could otherwise work around (a stray line before the
   * first header, a NUL byte, a cut-off tail) instead of importing what is whole and keeping the rest as
   * a source note. Off by default; truly unreadable input is refused either way.
   */
  readonly strict?: boolean;
}
