/**
 * The attachment viewer's zoom: "fit" (the whole image in the stage, never enlarged) or a scale of the
 * image's own pixels, stepped through fixed stops. Pure, so the stops and the geometry the redaction
 * editor draws over (ImageGeometry) are tested without a browser.
 */

export type Zoom = 'fit' | number;

export const ZOOM_STOPS = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8] as const;

export interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * Where the image is on screen: its own size (naturalWidth/Height, the pixels as displayed after
 * orientation) and the size it is drawn at. A normalised rectangle (common/domain/media.ts
 * NormalisedRect) maps to screen pixels as x × displayedWidth, y × displayedHeight, in the frame that
 * holds the image.
 */
export interface ImageGeometry {
  readonly naturalWidth: number;
  readonly naturalHeight: number;
  readonly displayedWidth: number;
  readonly displayedHeight: number;
  /** displayed / natural. */
  readonly scale: number;
}

/** The scale at which the whole image fits the stage, never above 1 (a small image is not blown up). */
export function fitScale(image: Size, stage: Size): number {
  if (image.width <= 0 || image.height <= 0 || stage.width <= 0 || stage.height <= 0) return 1;
  return Math.min(1, stage.width / image.width, stage.height / image.height);
}

export const scaleOf = (zoom: Zoom, image: Size, stage: Size): number => (zoom === 'fit' ? fitScale(image, stage) : zoom);

/** The next stop in `direction` from the scale shown now; the ends stay where they are. */
export function stepZoom(current: number, direction: 1 | -1): number {
  const epsilon = 1e-6;
  if (direction === 1) return ZOOM_STOPS.find((stop) => stop > current + epsilon) ?? ZOOM_STOPS[ZOOM_STOPS.length - 1]!;
  return [...ZOOM_STOPS].reverse().find((stop) => stop < current - epsilon) ?? ZOOM_STOPS[0];
}

export function geometry(image: Size, scale: number): ImageGeometry {
  return {
    naturalWidth: image.width,
    naturalHeight: image.height,
    displayedWidth: Math.round(image.width * scale),
    displayedHeight: Math.round(image.height * scale),
    scale,
  };
}

/** "Fit (38%)" or "150%", for the zoom readout. */
export const zoomLabel = (zoom: Zoom, scale: number): string =>
  zoom === 'fit' ? `Fit (${Math.round(scale * 100)}%)` : `${Math.round(scale * 100)}%`;
