/**
 * Drawing a planned bundle into PDF bytes, in two passes:
 * 1. every extract's body pages, laid out and drawn as they come (counting each document's pages,
 *    recording each produced item's pages for the schedule, and collecting what must not appear);
 * 2. once the totals are known, the cover and index (whose page numbers depend on those counts) and
 *    every page's header and footer ("Page n of N"), each its own small content stream.
 * The PDF is written to its file as it is drawn (pdf.ts): no page's content is held once drawn, and
 * only the file's size and hash come back.
 */
import type { PDFRef } from 'pdf-lib';
import type { RedactedStream, RedactedText, RedactionSegment } from '../../common/domain/redaction';
import { hiddenLabelNeedles, printedLabelText } from '../redact/printed-labels';
import {
  attachmentRecord,
  attachmentScheduleRow,
  placedSize,
  produceDocumentAttachments,
  type EmbeddedRendition,
} from './bundle-attachments';
import { extractDetails, extractEntries } from './extract';
import { fontBytes } from './fonts';
import type { SelectedDocument, SelectedItem, Selection } from './items';
import { DRAFT_MARK, draftWatermark, layoutCover, layoutExtract, layoutIndex, pageFrame, type IndexRow, type LaidPage } from './layout';
import type { Needle } from './leaks';
import type { ManifestAttachment, ManifestDocument } from './manifest';
import { BundlePdf, type WrittenPdf } from './pdf';
import { ProducedImages } from './produced-images';
import type { AttachmentScheduleRow, ScheduleRow } from './schedule';
import { FontMeasurer, parseFont, type SubstitutionCounts } from './text-measure';
import { localSpan, localStamp } from './times';
import { WITHHELD_WITHOUT_REASON } from './scope';
import { withheldAttachmentNeedles } from './withheld-attachments';

export interface DrawInput {
  readonly selection: Selection;
  readonly decisionsHash: string;
  /** The case state exported (the PDF's dates), epoch ms. */
  readonly stateAt: number;
  readonly appVersion: string;
  /** What the bundle is: a draft, or a final bundle and which version of it. */
  readonly status: BundleStatus;
  /** The audit entry the bundle's state ends with (docs/spec.md §12): a later rewrite of the log shows against it. */
  readonly chainHead: { readonly id: number; readonly hash: string } | null;
  /** Where the PDF is written (a file that must not exist yet). */
  readonly pdfPath: string;
}

export interface BundleStatus {
  readonly draft: boolean;
  readonly includesPending: boolean;
  readonly version: number;
  readonly reissueOf: number | null;
  readonly reason: string | null;
}

/** The cover's words for what the bundle is. */
function statusLine(status: BundleStatus): string {
  if (status.draft) return `${DRAFT_MARK}${status.includesPending ? ' (includes undecided items)' : ''}`;
  return status.reissueOf === null
    ? 'Final'
    : `Final, version ${status.version}: re-issue of bundle #${status.reissueOf} — ${status.reason ?? ''}`;
}

export interface DrawHooks {
  /** Throws to stop (a cancel); called every few pages. */
  readonly checkpoint: () => void;
  readonly progress: (phase: 'drawing' | 'numbering', pages: number, totalPages: number) => void;
  /** The bundle's page count, as soon as it is known (before the frames are drawn). */
  readonly onTotalPages?: (totalPages: number) => void;
}

export interface BundleItem {
  readonly messageId: number;
  readonly reference: string;
  /** Bundle pages, first and last. */
  readonly start: number;
  readonly end: number;
}

export interface DrawnBundle {
  readonly pdf: WrittenPdf;
  readonly totalPages: number;
  readonly documents: readonly ManifestDocument[];
  readonly schedule: readonly ScheduleRow[];
  readonly items: readonly BundleItem[];
  /** Redacted strings, withheld texts and redacted labels: what verification searches for. */
  readonly hidden: readonly Needle[];
  readonly substitutions: SubstitutionCounts;
  readonly redactionBoxes: number;
  /** Attachments of produced messages printed as a slip: withheld whole. */
  readonly withheldAttachments: number;
  /** Every attachment of a produced message, as the manifest records it, and its schedule rows. */
  readonly attachments: readonly ManifestAttachment[];
  readonly attachmentSchedule: readonly AttachmentScheduleRow[];
  /** Images encoded (an image in several messages is encoded and embedded once). */
  readonly imagesEncoded: number;
}

const PROGRESS_EVERY = 25;

/** "7" for one page, "7–9" for several. */
const pageRange = (first: number, count: number): string => (count <= 1 ? String(first) : `${first}–${first + count - 1}`);

export async function drawBundle(input: DrawInput, hooks: DrawHooks): Promise<DrawnBundle> {
  const { documents } = input.selection;
  const firstReference = (documents[0] as SelectedDocument).reference;
  const lastReference = (documents.at(-1) as SelectedDocument).reference;
  const bytes = fontBytes();
  const measurer = new FontMeasurer({ regular: parseFont(bytes.regular), bold: parseFont(bytes.bold), emoji: parseFont(bytes.emoji) });
  const pdf = await BundlePdf.create(
    bytes,
    {
      title: `${input.status.draft ? `${DRAFT_MARK}: draft bundle` : 'Disclosure bundle'} ${firstReference}–${lastReference}`,
      creator: `Disclosure Desk ${input.appVersion}`,
      date: new Date(input.stateAt),
      fileId: input.decisionsHash.slice(0, 32),
    },
    input.pdfPath,
  );
  try {
    return await drawPages(input, hooks, measurer, pdf);
  } catch (err) {
    pdf.abandon();
    throw err;
  }
}

/** Each segment of an item's text as it is drawn: an inline text's at once, a streamed body's as it is read. */
function observed(text: RedactedText | RedactedStream, onSegment: (segment: RedactionSegment) => void): RedactedText | RedactedStream {
  if (text.kind === 'text') for (const segment of text.segments) onSegment(segment);
  if (text.kind !== 'stream') return text;
  const segments = text.segments;
  return {
    ...text,
    segments: {
      *[Symbol.iterator]() {
        for (const segment of segments) {
          onSegment(segment);
          yield segment;
        }
      },
    },
  };
}

async function drawPages(input: DrawInput, hooks: DrawHooks, measurer: FontMeasurer, pdf: BundlePdf): Promise<DrawnBundle> {
  const { selection } = input;
  const { meta, documents, zone } = selection;
  const firstReference = (documents[0] as SelectedDocument).reference;
  const lastReference = (documents.at(-1) as SelectedDocument).reference;

  // Pass 1: every extract's body pages, drawn as they are laid out; their frames wait for the totals.
  const bodies: PDFRef[][] = [];
  const schedule: { readonly row: ScheduleRow; readonly doc: number; readonly page: number }[] = [];
  const items: { messageId: number; reference: string; doc: number; firstPage: number; lastPage: number }[] = [];
  // Redacted labels and titles may appear nowhere: not in a heading, the header block, the index or
  // the schedule, and not in a body either (a label hidden in one place is hidden everywhere).
  const conversationIds = [...new Set(documents.map((d) => d.conversation.id))];
  const hidden: Needle[] = [
    ...hiddenLabelNeedles(selection.db, null, conversationIds),
    ...withheldAttachmentNeedles(selection.db, null, conversationIds, WITHHELD_WITHOUT_REASON),
  ];
  const substitutions: SubstitutionCounts = { emojiDrawn: 0, named: {}, formattingSkipped: 0 };
  let redactionBoxes = 0;
  let withheldAttachments = 0;
  let laid = 0;
  // Each rendition is written into the PDF as soon as it is made; only its name and size are kept.
  const images = new ProducedImages<EmbeddedRendition>((image) => {
    const { name, objectNumber } = pdf.embedImage(image.bytes, image.mime);
    const { sha256, mime, width, height } = image;
    return { image: { name, ...placedSize(width, height) }, sha256, mime, width, height, pdfObject: objectNumber };
  });
  const attachments: { readonly record: Omit<ManifestAttachment, 'bundlePage'>; readonly doc: number; readonly page: number }[] = [];
  for (const [i, doc] of documents.entries()) {
    const { reference } = doc;
    const title = printedLabelText(selection.title(doc));
    const pending = new Map<number, { row: ScheduleRow; reasons: Set<string>; attachments: Omit<ManifestAttachment, 'bundlePage'>[] }>();
    const productions = await produceDocumentAttachments(selection, doc, images);
    const imagePages = new Map<number, number>();
    // The schedule's row for each produced item, with the reasons of the boxes its text draws.
    const scheduled = function* (read: Iterable<SelectedItem>): Generator<SelectedItem> {
      for (const item of read) {
        if (item.kind === 'withheld') {
          yield item;
          continue;
        }
        const { message } = item;
        withheldAttachments += item.attachments.filter((a) => a.withheld !== null).length;
        const reasons = new Set<string>();
        pending.set(message.id, {
          reasons,
          attachments: item.attachments.map((a) => attachmentRecord(a, productions.get(a.id), reference, message.id)),
          row: {
            reference,
            page: '',
            bundlePage: 0,
            custodian: doc.conversation.custodian,
            conversation: title,
            sent: message.sentAt === null ? 'undated' : localStamp(message.sentAt, zone),
            sender: printedLabelText(selection.printed.participant(message.senderParticipantId, message.sender ?? '')),
            classification: message.classification,
            outcome: message.outcome,
            redactionReasons: '',
            messageId: message.id,
          },
        });
        const text = observed(item.text, (segment) => {
          if (segment.kind === 'text') measurer.tally(segment.text, 'regular', substitutions);
          else {
            redactionBoxes++;
            reasons.add(segment.label);
          }
        });
        yield { ...item, text };
      }
    };
    const entries = extractEntries(scheduled(selection.items(doc, (needle) => hidden.push(needle))), zone, { productions, reference });
    const onItem = (messageId: number, firstPage: number, lastPage: number): void => {
      const item = pending.get(messageId);
      if (!item) return;
      pending.delete(messageId);
      const page = firstPage === lastPage ? String(firstPage) : `${firstPage}–${lastPage}`;
      schedule.push({ row: { ...item.row, page, redactionReasons: [...item.reasons].join('; ') }, doc: i, page: firstPage });
      items.push({ messageId, reference, doc: i, firstPage, lastPage });
      for (const record of item.attachments) attachments.push({ record, doc: i, page: imagePages.get(record.attachmentId) ?? firstPage });
    };
    const streams: PDFRef[] = [];
    for (const page of layoutExtract(
      { title: selection.title(doc), details: extractDetails(selection, doc, reference), entries },
      measurer,
      onItem,
      (attachmentId, page) => imagePages.set(attachmentId, page),
    )) {
      streams.push(await pdf.contentStream(page.pieces));
      if (++laid % PROGRESS_EVERY === 0) {
        hooks.checkpoint();
        hooks.progress('drawing', laid, 0);
      }
    }
    bodies.push(streams);
  }
  const docPages = bodies.map((streams) => streams.length);

  const headerLeft = [meta.inquiry, meta.name].filter(Boolean).join(' — ');
  const coverDetails = [
    { label: 'Status', value: statusLine(input.status) },
    { label: 'Case', value: meta.name },
    { label: 'Inquiry', value: meta.inquiry },
    { label: 'Request reference', value: meta.requestReference },
    { label: 'Protective marking', value: meta.protectiveMarking },
    { label: 'References', value: `${firstReference} to ${lastReference} (${documents.length})` },
    { label: 'Custodians', value: [...new Set(documents.map((d) => d.conversation.custodian))].join(', ') },
    {
      label: 'Date range',
      value: localSpan(
        documents.reduce<number | null>((m, d) => (d.firstAt === null ? m : m === null ? d.firstAt : Math.min(m, d.firstAt)), null),
        documents.reduce<number | null>((m, d) => (d.lastAt === null ? m : m === null ? d.lastAt : Math.max(m, d.lastAt)), null),
        zone,
      ),
    },
    { label: 'Items produced', value: selection.produced.toLocaleString('en-GB') },
    { label: 'Items withheld', value: `${selection.withheld.toLocaleString('en-GB')} (shown as withheld lines)` },
    {
      label: 'Document unit',
      value: selection.unit === 'day' ? 'one reference per conversation per day' : 'one reference per conversation',
    },
    { label: 'Review state as at', value: input.stateAt ? localStamp(input.stateAt, zone) : 'no review recorded' },
    { label: 'Decisions SHA-256', value: input.decisionsHash },
    {
      label: 'Audit chain head',
      value: input.chainHead ? `entry #${input.chainHead.id}, SHA-256 ${input.chainHead.hash}` : 'no audit entry yet',
    },
  ];
  const cover = layoutCover(
    input.status.draft
      ? 'Draft disclosure bundle'
      : input.status.version > 1
        ? `Disclosure bundle, version ${input.status.version}`
        : 'Disclosure bundle',
    coverDetails,
    measurer,
  );
  // One stream, shared by every page of a draft: drawn first, under the page's own text.
  const mark = input.status.draft ? [await pdf.contentStream(draftWatermark(measurer))] : [];
  // The index's own length moves every page number after it, and the numbers it prints can change
  // its length: settle it (twice is enough in practice; the loop stops when it is stable).
  let indexPages = 1;
  let index: LaidPage[] = [];
  let firstPages: number[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    let page = cover.length + indexPages + 1;
    firstPages = docPages.map((n) => {
      const first = page;
      page += n;
      return first;
    });
    const rows: IndexRow[] = documents.map((d, i) => ({
      reference: d.reference,
      custodian: d.conversation.custodian,
      conversation: selection.title(d),
      dates: localSpan(d.firstAt, d.lastAt, zone),
      pages: docPages[i] ?? 0,
      bundlePages: pageRange(firstPages[i] ?? 0, docPages[i] ?? 1),
    }));
    index = layoutIndex(rows, measurer);
    if (index.length === indexPages) break;
    indexPages = index.length;
  }
  const totalPages = cover.length + index.length + docPages.reduce((a, b) => a + b, 0);
  hooks.onTotalPages?.(totalPages);

  // Pass 2: cover and index whole, then every extract page's frame beside its body.
  let numbered = 0;
  const frameOf = (label: string, n: number, of: number): ReturnType<typeof pageFrame> =>
    pageFrame(
      { headerLeft, marking: meta.protectiveMarking, label, page: n, pages: of, bundlePage: numbered + 1, draft: input.status.draft },
      measurer,
    );
  const advance = (): void => {
    if (++numbered % PROGRESS_EVERY === 0) {
      hooks.checkpoint();
      hooks.progress('numbering', numbered, totalPages);
    }
  };
  const front: [string, readonly LaidPage[]][] = [
    ['Cover', cover],
    ['Index', index],
  ];
  for (const [label, pages] of front) {
    for (const [i, page] of pages.entries()) {
      const { above, below } = frameOf(label, i + 1, pages.length);
      pdf.addPage([...mark, await pdf.contentStream([...above, ...page.pieces, ...below])]);
      advance();
    }
  }
  for (const [i, streams] of bodies.entries()) {
    for (const [n, body] of streams.entries()) {
      const { above, below } = frameOf((documents[i] as SelectedDocument).reference, n + 1, streams.length);
      pdf.addPage([...mark, body, await pdf.contentStream([...above, ...below])]);
      advance();
    }
  }
  hooks.checkpoint();

  const bundlePage = (doc: number, page: number): number => (firstPages[doc] as number) + page - 1;
  return {
    pdf: await pdf.finish(),
    totalPages,
    documents: documents.map(({ reference }, i) => ({ reference, firstBundlePage: firstPages[i] as number, pages: docPages[i] as number })),
    schedule: schedule.map(({ row, doc, page }) => ({ ...row, bundlePage: bundlePage(doc, page) })),
    items: items.map((item) => ({
      messageId: item.messageId,
      reference: item.reference,
      start: bundlePage(item.doc, item.firstPage),
      end: bundlePage(item.doc, item.lastPage),
    })),
    hidden,
    substitutions,
    redactionBoxes,
    withheldAttachments,
    attachments: attachments.map(({ record, doc, page }) => ({ ...record, bundlePage: bundlePage(doc, page) })),
    attachmentSchedule: attachments.map(({ record, doc, page }) =>
      attachmentScheduleRow({ ...record, bundlePage: bundlePage(doc, page) }, page),
    ),
    imagesEncoded: images.encoded,
  };
}
