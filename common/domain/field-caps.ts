/**
 * How much of one text field an import stores. A hostile or broken export can hold a sender name or a
 * message of hundreds of megabytes; held whole, such a field cost nineteen times its size in memory
 * (issue 13). A field over its cap is stored cut to the cap, at a character boundary, with a marker
 * saying so appended to the stored text (so every view and output shows it), a note on the source
 * pointing at the record, and an entry in the message's repairs; marker and note give the size of the
 * whole field and the SHA-256 of its UTF-8 bytes, so the full text can be matched in the original
 * export. Nothing is dropped without a word.
 *
 * Caps count UTF-8 bytes of the field as exported. The pipeline applies them once, where parsed events
 * become rows (main/import/batch.ts); parsers that would otherwise build a string of the whole field
 * (the WhatsApp line reader, the JSON tokenizer, iMessage's row reader) keep only the first `cap` bytes
 * and hash the rest as it streams past, and tell the pipeline so (FieldTruncation).
 */

export interface FieldCaps {
  /**
   * Sender labels, handles, conversation titles, attachment names, reactions, identifiers and keys,
   * and raw times. 4 KiB is far beyond any real name or id.
   */
  readonly label: number;
  /**
   * Message bodies, the earlier versions of edited messages, and the texts of import notes and
   * problems (which quote the source). 16 MiB is several thousand PDF pages.
   */
  readonly body: number;
}

export const FIELD_CAPS: FieldCaps = Object.freeze({ label: 4 * 1024, body: 16 * 1024 * 1024 });

/** Which stored field a truncation is about, as notes and repairs name it. */
export const TRUNCATED_FIELDS = {
  body: 'message text',
  edit: 'earlier version of the message',
  sender: 'sender name',
  handle: 'sender handle',
  title: 'conversation title',
  attachment: 'attachment name',
  reaction: 'reaction',
  identifier: 'identifier',
  time: 'time as written',
  note: 'import note',
} as const;
export type TruncatedField = keyof typeof TRUNCATED_FIELDS;

/** A field the source held more of than was kept: the whole field's size and SHA-256 (of its UTF-8 bytes). */
export interface FieldTruncation {
  readonly field: TruncatedField;
  /** UTF-8 bytes of the whole field in the export. */
  readonly bytes: number;
  readonly sha256: string;
}

const count = (n: number): string => n.toLocaleString('en-GB');

/**
 * Appended to a truncated field's stored text. It starts on a new line for bodies, so a reader of the
 * text or the PDF cannot take the cut text for the whole message.
 */
export function truncationMarker(t: FieldTruncation, keptBytes: number): string {
  const lead = t.field === 'body' || t.field === 'edit' ? '\n' : ' ';
  return `${lead}[… truncated at import: ${count(t.bytes)} bytes in the export, the first ${count(keptBytes)} kept; SHA-256 of the whole ${TRUNCATED_FIELDS[t.field]} ${t.sha256}]`;
}

/** The note (and message repair) a truncation leaves: what was cut, how much, and the whole field's hash. */
export function truncationNote(t: FieldTruncation, keptBytes: number, cap: number): string {
  return (
    `The ${TRUNCATED_FIELDS[t.field]} is ${count(t.bytes)} bytes, over the import's cap of ${count(cap)} bytes: ` +
    `the first ${count(keptBytes)} bytes were stored, marked as truncated. SHA-256 of the whole ${TRUNCATED_FIELDS[t.field]}: ${t.sha256}.`
  );
}
