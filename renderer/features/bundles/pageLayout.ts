/**
 * From the export's layout data (PDF points, origin bottom left) to CSS percentages of a page card
 * (origin top left), so the preview draws the pages the PDF is drawn from at any card size. Pure.
 */
import type { z } from 'zod';
import type { exportChannels } from '../../../common/contract/channels/export';

export type PreviewResult = z.output<(typeof exportChannels)['export.preview']['result']>;
export type PreviewPiece = PreviewResult['pages'][number]['pieces'][number];

export interface PageSize {
  readonly width: number;
  readonly height: number;
}

const pct = (value: number): string => `${Number(value.toFixed(3))}%`;

/** A text run: its baseline's left end and its size, as shares of the page. Font size in container-width units. */
export function textPlacement(piece: Extract<PreviewPiece, { kind: 'text' }>, page: PageSize) {
  return {
    left: pct((piece.x / page.width) * 100),
    bottom: pct((piece.y / page.height) * 100),
    width: pct((piece.width / page.width) * 100),
    fontSize: `${Number(((piece.size / page.width) * 100).toFixed(3))}cqw`,
    // Turned about the baseline's left end, as the PDF turns it (CSS angles run clockwise).
    ...(piece.angle ? { transform: `rotate(${Number((-piece.angle).toFixed(2))}deg)`, transformOrigin: '0 100%' } : {}),
  };
}

/** A box or band: its rectangle as shares of the page, measured from the top left. */
export function boxPlacement(piece: Extract<PreviewPiece, { kind: 'box' }>, page: PageSize) {
  return {
    left: pct((piece.x / page.width) * 100),
    top: pct(((page.height - piece.y - piece.height) / page.height) * 100),
    width: pct((piece.width / page.width) * 100),
    height: pct((piece.height / page.height) * 100),
  };
}

/** A horizontal rule: from x1 to x2 at height y. */
export function rulePlacement(piece: Extract<PreviewPiece, { kind: 'rule' }>, page: PageSize) {
  return {
    left: pct((Math.min(piece.x1, piece.x2) / page.width) * 100),
    top: pct(((page.height - piece.y) / page.height) * 100),
    width: pct((Math.abs(piece.x2 - piece.x1) / page.width) * 100),
  };
}
