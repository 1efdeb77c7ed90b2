/**
 * Attachments withheld whole (docs/spec.md §13): an attachment whose decision, as it takes effect, is
 * "withhold" prints a slip in place of its line, with the reason the bundle uses for a withheld message
 * (Article 8 when the record it takes effect with finds private life engaged, else "withheld on
 * review"), and never its name. Its name is then hidden text like a redacted file name: verification
 * searches the bundle for it (the same needle, and so the same cause finding, as a redacted attachment name).
 */
import type { ReadableDB } from '../../db/connection';
import { withheldAttachmentNames, withheldAttachmentsOf } from '../../db/queries/attachment-review';
import type { Needle } from './leaks';

/** The reason code whose label a slip prints when Article 8 is the reason. */
const ARTICLE8_REASON = 'article-8';

/** A slip's reason: the Article 8 reason's label, or `withoutReason` (the bundle's wording for a plain "withhold"). */
const reasonOf = (article8: 0 | 1, labelOf: (code: string) => string, withoutReason: string): string =>
  article8 === 1 ? labelOf(ARTICLE8_REASON) : withoutReason;

/** The withheld attachments of a conversation, each with the reason its slip prints. */
export function withheldAttachmentReasons(
  db: ReadableDB,
  conversationId: number,
  labelOf: (code: string) => string,
  withoutReason: string,
): Map<number, string> {
  return new Map(withheldAttachmentsOf(db, conversationId).map((a) => [a.attachmentId, reasonOf(a.article8, labelOf, withoutReason)]));
}

/** "Image withheld — reason" for an image, "Attachment withheld — reason" for anything else. */
export const attachmentSlipText = (mime: string | null, reason: string): string =>
  `${mime?.startsWith('image/') ? 'Image' : 'Attachment'} withheld — ${reason}`;

/** The names of attachments withheld on their own as of `asOf` (null: now), as must-not-appear needles. */
export const withheldAttachmentNeedles = (
  db: ReadableDB,
  asOf: number | null,
  conversationIds: readonly number[],
  withoutReason: string,
): Needle[] =>
  withheldAttachmentNames(db, asOf, conversationIds).map((a) => ({
    text: a.text,
    source: {
      kind: 'redacted-file-name',
      target: 'attachment',
      id: a.attachmentId,
      reasonCode: a.article8 === 1 ? ARTICLE8_REASON : withoutReason,
    },
  }));
