/**
 * One message as signal-export wrote it, whichever of its two files it came from (docs/formats/signal.md
 * §1): the fields of its `Message` dataclass, each as exported. `data.json` holds them one JSON object a
 * line; `chat.md` holds what `Message.to_md()` made of them, which `toMarkdown` makes again so the two
 * files of one folder can be compared.
 */

export interface SignalAttachment {
  readonly name: string;
  /** As written, relative to the chat's folder (`media/IMG%200412.jpg`: whitespace became %20); null when none was. */
  readonly path: string | null;
  /** What signal-export says it did not export (`missing_kind` in 2026 builds: `media`, `attachment`; chat.md's "(media not exported)"). */
  readonly missing: string | null;
  /** chat.md marks an image with `!`; a data.json attachment carries no such mark. */
  readonly image?: boolean;
}

export interface SignalSticker {
  /** The emoji, or the label signal-export uses when a sticker has none. */
  readonly label: string;
  /** `exported_stickers/<pack>/<id>.<ext>`, relative to the export's root folder, when it was exported. */
  readonly path: string | null;
}

export interface SignalRecord {
  /** The time as written: `2024-01-14T13:30:00` (data.json), `2024-01-14 13:30:00`, `2024-01-14 13:30`, `2024-01-14, 13:30` (chat.md). */
  readonly date: string;
  /** `Me` for the owner, the contact's name, or `No-Sender` when signal-export could not tell. */
  readonly sender: string;
  /** As exported: backticks removed and two spaces appended by signal-export. */
  readonly body: string;
  /** `''`, or the quoted text as `"\n\n> line\n> line\n\n"`. */
  readonly quote: string;
  readonly sticker: SignalSticker | null;
  /** `[name, emoji]` pairs. */
  readonly reactions: readonly (readonly [string, string])[];
  readonly attachments: readonly SignalAttachment[];
  readonly deleted: boolean;
  readonly call: boolean;
  readonly missed: boolean;
  readonly lineStart: number;
  readonly lineEnd: number;
}

export const OWNER = 'Me';
export const NO_SENDER = 'No-Sender';
export const DELETED_TEXT = '(This message was deleted)';

/** The text a quote block holds (`"\n\n> a\n> b\n\n"` → `"a\nb"`), or null when there is none. */
export function quotedText(quote: string): string | null {
  const match = /^\n\n> ([\s\S]*)\n\n$/.exec(quote);
  return match ? match[1]!.replaceAll('\n> ', '\n') : null;
}

/** Whether a file name is one signal-export shows as an image (`models.is_image`). */
export const isImageName = (path: string): boolean => /\.(png|jpe?g|gif|tiff?|webp|apng|svg)$/.test(path);

/** The chat.md text `Message.to_md()` writes for `record`, without its final line break. */
export function toMarkdown(record: SignalRecord): string {
  const date = record.date.replace('T', ' ').slice(0, 19);
  if (record.deleted) return `[${date}] ${record.sender}: ${DELETED_TEXT}`;
  let body = record.body;
  if (record.reactions.length > 0) body += `\n(- ${record.reactions.map(([name, emoji]) => `${name}: ${emoji}`).join(', ')} -)`;
  if (record.sticker)
    body += record.sticker.path ? `[${record.sticker.label}](../${record.sticker.path})  ` : `\n(( ${record.sticker.label} ))`;
  for (const a of record.attachments) {
    if (a.missing !== null || a.path === null) body += `(${a.missing ?? 'attachment'} not exported)  `;
    else body += `${(a.image ?? isImageName(a.path)) ? '!' : ''}[${a.name}](./${a.path})  `;
  }
  return `[${date}] ${record.sender}: ${record.quote}${body}`;
}
