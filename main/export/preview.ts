/**
 * The first pages of a bundle's first extract, as layout data for the Bundles screen to draw (see
 * common/contract/channels/export.ts). Page totals are not counted for a preview (that needs the whole
 * bundle laid out, which is the export's job), so its footers say "Page n" alone.
 */
import type { ReadableDB } from '../../db/connection';
import type { CaseMetaRow } from '../../db/queries/case-meta';
import { extractDetails, extractEntries } from './extract';
import { fontBytes } from './fonts';
import { draftWatermark, framePage, layoutExtract, PAGE_HEIGHT, PAGE_WIDTH, type ImagePiece, type Piece } from './layout';
import { nextFinalNumber, reissueRoot } from './numbering';
import { formatReference } from './references';
import { itemReader, planDocuments, scopeContext } from './scope';
import { DRAFT_PREFIX } from '../../common/domain/model';
import type { ExportSettings } from './run';
import { FontMeasurer, parseFont } from './text-measure';

/** A preview produces no images (its extract lists them as "produced in the bundle"), so its pages hold none. */
export interface PreviewPage {
  readonly pieces: readonly Exclude<Piece, ImagePiece>[];
}

const withoutImages = (pieces: readonly Piece[]): Exclude<Piece, ImagePiece>[] =>
  pieces.filter((p): p is Exclude<Piece, ImagePiece> => p.kind !== 'image');

export interface ExportPreview {
  readonly documents: number;
  readonly produced: number;
  readonly withheld: number;
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly pages: readonly PreviewPage[];
}

/**
 * The numbering here is the one asked for, unchecked: whether it may be used is export.check's answer,
 * shown beside the preview, which should not disappear while the reviewer fixes a first number.
 */
export function previewExport(
  db: ReadableDB,
  meta: CaseMetaRow,
  settings: Omit<ExportSettings, 'outputDir'>,
  pages: number,
): ExportPreview {
  const ctx = scopeContext(db, settings.scope, meta.defaultTimeZone);
  const plan = planDocuments(ctx, settings.unit);
  const out: PreviewPage[] = [];
  const first = plan.documents[0];
  if (first) {
    const bytes = fontBytes();
    const measurer = new FontMeasurer({ regular: parseFont(bytes.regular), bold: parseFont(bytes.bold), emoji: parseFont(bytes.emoji) });
    const root = settings.reissue && reissueRoot(db, settings.reissue.bundleId);
    const draft = !root && (settings.draft || settings.scope.includePending);
    const reference = root
      ? formatReference(root.prefix, root.firstNumber, root.width)
      : formatReference(
          `${draft ? DRAFT_PREFIX : ''}${settings.prefix}`,
          settings.firstNumber ?? nextFinalNumber(db, settings.prefix),
          settings.width,
        );
    const mark = draft ? draftWatermark(measurer) : [];
    const reader = itemReader(ctx);
    const entries = extractEntries(reader.items(first), ctx.zone);
    for (const page of layoutExtract(
      { title: reader.title(first), details: extractDetails(reader, first, reference), entries },
      measurer,
    )) {
      const headerLeft = [meta.inquiry, meta.name].filter(Boolean).join(' — ');
      const framed = framePage(
        { pieces: [...mark, ...page.pieces] },
        { headerLeft, marking: meta.protectiveMarking, label: reference, page: out.length + 1, pages: null, bundlePage: null, draft },
        measurer,
      );
      out.push({ pieces: withoutImages(framed.pieces) });
      if (out.length >= pages) break;
    }
  }
  return {
    documents: plan.documents.length,
    produced: plan.produced,
    withheld: plan.withheld,
    pageWidth: PAGE_WIDTH,
    pageHeight: PAGE_HEIGHT,
    pages: out,
  };
}
