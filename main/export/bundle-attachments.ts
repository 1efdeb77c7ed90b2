/**
 * What the PDF bundle does with each attachment of a produced message (docs/spec.md §13), decided for a
 * document unit before it is laid out: an image is produced (produced-images.ts) and written into the
 * PDF as it is made, so layout knows its size and only its name is kept; anything else is recognised by
 * its content and listed with its type, size and SHA-256. A withheld attachment keeps its slip, and an
 * absent one its line; neither is read.
 *
 * Only the attachments of produced messages are read: an image of a withheld message never reaches
 * the PDF, not even as an object no page draws.
 */
import type { NormalisedRect } from '../../common/domain/media';
import type { ReadableDB } from '../../db/connection';
import { conversationHasKeptAttachments, keptAttachmentsOf } from '../../db/queries/export';
import { liveImageRegions } from '../../db/queries/image-redactions';
import { openAttachment } from '../attachments/open';
import { SNIFF_HEAD_BYTES, sniff } from '../media/sniff';
import { printedLabelText } from '../redact/printed-labels';
import type { SelectedAttachment, SelectedDocument, Selection } from './items';
import type { ManifestAttachment } from './manifest';
import type { AttachmentScheduleRow } from './schedule';
import type { HeldBackAttachment } from './verify-images';
import { attachmentSlipText } from './withheld-attachments';
import { IMAGE_MAX_HEIGHT, IMAGE_MAX_WIDTH, type PlacedImage } from './layout';
import { windowed } from './windowed';
import { ImageNotProducedError, notProducedReason, pixelsToPoints, pointsToPixels, type ProducedImages } from './produced-images';

/** A rendition as the bundle keeps it once written into the PDF. */
export interface EmbeddedRendition {
  readonly image: PlacedImage;
  readonly sha256: string;
  readonly mime: 'image/jpeg' | 'image/png';
  readonly width: number;
  readonly height: number;
  /** The PDF object holding it, which the manifest records for verification. */
  readonly pdfObject: number;
}

/** What the bundle does with an attachment the case holds, of a produced message. */
export type AttachmentProduction =
  | { readonly kind: 'embedded'; readonly type: string; readonly rendition: EmbeddedRendition; readonly regions: readonly NormalisedRect[] }
  | { readonly kind: 'not-produced'; readonly type: string; readonly reason: string }
  | { readonly kind: 'listed'; readonly type: string };

/** The box an image is printed in, in pixels at the bundle's resolution; transparency goes onto the white page. */
export const BUNDLE_IMAGE_BOX = { maxWidth: pointsToPixels(IMAGE_MAX_WIDTH), maxHeight: pointsToPixels(IMAGE_MAX_HEIGHT), opaque: true };

/** The rendition's size on the page: its pixels at the bundle's resolution. */
export const placedSize = (width: number, height: number): { width: number; height: number } => ({
  width: pixelsToPoints(width),
  height: pixelsToPoints(height),
});

/** Whether the bundle reads this attachment's bytes: the case holds them and nothing withholds it. */
const readable = (a: SelectedAttachment): a is SelectedAttachment & { sha256: string } =>
  a.withheld === null && a.present && a.kept && a.sha256 !== null;

/** What the content is, from its first bytes; a case that lost them says so as the reason. */
function recognise(selection: Selection, attachmentId: number): { type: ReturnType<typeof sniff> } | { reason: string } {
  try {
    const first = openAttachment(selection.db, attachmentId).chunks().next();
    const head = first.done ? Buffer.alloc(0) : first.value.subarray(0, SNIFF_HEAD_BYTES);
    return { type: sniff(head) };
  } catch (error) {
    const reason = notProducedReason(error);
    if (reason === undefined) throw error;
    return { reason };
  }
}

/**
 * Every readable attachment of the produced messages of `doc`, produced or recognised, in the order the
 * extract prints them (so the PDF's objects, and its bytes, are the same for the same case).
 */
export async function produceDocumentAttachments(
  selection: Selection,
  doc: SelectedDocument,
  images: ProducedImages<EmbeddedRendition>,
): Promise<Map<number, AttachmentProduction>> {
  const out = new Map<number, AttachmentProduction>();
  if (!conversationHasKeptAttachments(selection.db, doc.conversation.id)) return out;
  const wanted: (SelectedAttachment & { sha256: string })[] = [];
  for (const item of selection.items(doc)) if (item.kind === 'produced') wanted.push(...item.attachments.filter(readable));
  if (wanted.length === 0) return out;
  const recognised = new Map(wanted.map((a) => [a.id, recognise(selection, a.id)]));
  const imageIds = wanted.filter((a) => {
    const r = recognised.get(a.id);
    return r && 'type' in r && r.type.kind === 'image';
  });
  const regions = liveImageRegions(
    selection.db,
    imageIds.map((a) => a.id),
  );
  const toProduce: (SelectedAttachment & { sha256: string; type: string })[] = [];
  for (const a of wanted) {
    if (out.has(a.id)) continue;
    const r = recognised.get(a.id)!;
    if ('reason' in r) out.set(a.id, { kind: 'not-produced', type: 'unknown (not read)', reason: r.reason });
    else if (r.type.kind !== 'image') out.set(a.id, { kind: 'listed', type: r.type.label });
    else toProduce.push({ ...a, type: r.type.label });
  }
  await windowed(
    toProduce,
    async (a): Promise<AttachmentProduction> => {
      const own = regions.get(a.id) ?? [];
      try {
        const rendition = await images.get(selection.db, a.id, a.sha256, own, BUNDLE_IMAGE_BOX);
        return { kind: 'embedded', type: a.type, rendition, regions: own.map((x) => x.rect) };
      } catch (error) {
        if (!(error instanceof ImageNotProducedError)) throw error;
        return { kind: 'not-produced', type: a.type, reason: error.reason };
      }
    },
    (a, production) => void out.set(a.id, production),
  );
  return out;
}

/** An attachment's record for the manifest and schedule, but for its page (known once it is laid out). */
export function attachmentRecord(
  a: SelectedAttachment,
  production: AttachmentProduction | undefined,
  reference: string,
  messageId: number,
): Omit<ManifestAttachment, 'bundlePage'> {
  const base = { attachmentId: a.id, messageId, reference, produced: null, reason: null };
  if (a.withheld !== null) {
    const slip = attachmentSlipText(a.mime, a.withheld);
    return { ...base, name: slip, status: 'withheld', type: 'withheld', size: null, originalSha256: null };
  }
  const named = { ...base, name: a.name === null ? 'unnamed file' : printedLabelText(a.name), size: a.size, originalSha256: a.sha256 };
  const sourceType = a.mime ?? 'not recorded';
  if (!a.present)
    return { ...named, status: 'absent', type: sourceType, reason: `not in the export${a.missingReason ? `: ${a.missingReason}` : ''}` };
  if (!production) return { ...named, status: 'not-produced', type: sourceType, reason: 'the case does not hold the file' };
  switch (production.kind) {
    case 'embedded': {
      const { sha256, mime, width, height, pdfObject } = production.rendition;
      return {
        ...named,
        status: 'embedded',
        type: production.type,
        produced: { sha256, mime, width, height, pdfObject, regions: production.regions },
      };
    }
    case 'not-produced':
      return { ...named, status: 'not-produced', type: production.type, reason: production.reason };
    case 'listed':
      return { ...named, status: 'listed', type: production.type, reason: 'only images are embedded; listed with its SHA-256' };
  }
}

/** The attachments schedule's row for a manifest record. */
export function attachmentScheduleRow(record: ManifestAttachment, page: number): AttachmentScheduleRow {
  const producedSha256 =
    record.produced !== null ? record.produced.sha256 : record.status === 'withheld' ? 'withheld' : `not produced: ${record.reason ?? ''}`;
  return {
    reference: record.reference,
    page,
    bundlePage: record.bundlePage,
    messageId: record.messageId,
    attachmentId: record.attachmentId,
    name: record.name,
    type: record.type,
    size: record.size ?? '',
    originalSha256: record.originalSha256 ?? (record.status === 'withheld' ? 'withheld' : ''),
    producedSha256,
  };
}

/**
 * The attachments of these conversations whose original bytes must not be in the bundle's PDF: every
 * one the case holds that the bundle does not disclose (withheld itself, or its message not produced),
 * unless the same content is disclosed under another attachment.
 */
export function heldBackAttachments(
  db: ReadableDB,
  conversationIds: readonly number[],
  recorded: readonly ManifestAttachment[],
): HeldBackAttachment[] {
  const disclosed = new Set(recorded.filter((a) => a.status !== 'withheld').map((a) => a.attachmentId));
  const kept = keptAttachmentsOf(db, conversationIds);
  const disclosedContent = new Set(kept.filter((a) => disclosed.has(a.attachmentId)).map((a) => a.sha256));
  return kept.filter((a) => !disclosed.has(a.attachmentId) && !disclosedContent.has(a.sha256));
}
