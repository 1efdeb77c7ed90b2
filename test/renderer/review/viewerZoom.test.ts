import { describe, expect, it } from 'vitest';
import { fitScale, geometry, scaleOf, stepZoom, zoomLabel, ZOOM_STOPS } from '../../../renderer/features/review/viewerZoom';

describe('the attachment viewer’s zoom', () => {
  it('fits a large photo into the stage by its tighter side, and never enlarges a small one', () => {
    expect(fitScale({ width: 4032, height: 3024 }, { width: 1008, height: 1000 })).toBeCloseTo(0.25);
    expect(fitScale({ width: 3024, height: 4032 }, { width: 1000, height: 1008 })).toBeCloseTo(0.25);
    expect(fitScale({ width: 400, height: 300 }, { width: 1000, height: 800 })).toBe(1);
    expect(fitScale({ width: 400, height: 300 }, { width: 0, height: 0 })).toBe(1);
  });

  it('steps through the stops from wherever fit left it, and stops at either end', () => {
    expect(stepZoom(0.38, 1)).toBe(0.5);
    expect(stepZoom(0.38, -1)).toBe(0.25);
    expect(stepZoom(1, 1)).toBe(1.5);
    expect(stepZoom(1, -1)).toBe(0.75);
    expect(stepZoom(8, 1)).toBe(8);
    expect(stepZoom(0.1, -1)).toBe(0.1);
    expect(ZOOM_STOPS).toContain(1);
  });

  it('gives the drawn size with the natural one, for whatever is drawn over the image', () => {
    const image = { width: 4032, height: 3024 };
    expect(geometry(image, scaleOf('fit', image, { width: 1008, height: 900 }))).toEqual({
      naturalWidth: 4032,
      naturalHeight: 3024,
      displayedWidth: 1008,
      displayedHeight: 756,
      scale: 0.25,
    });
    expect(scaleOf(2, image, { width: 1, height: 1 })).toBe(2);
    expect(zoomLabel('fit', 0.25)).toBe('Fit (25%)');
    expect(zoomLabel(1.5, 1.5)).toBe('150%');
  });
});
