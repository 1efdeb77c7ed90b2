import { describe, expect, it } from 'vitest';
import {
  centredRect,
  clampRect,
  imageRegionProblem,
  KEYBOARD_STEP,
  MIN_REGION_SIDE,
  nudgeRect,
  pixelSize,
  rectFromDrag,
  resizeRect,
  toDisplay,
} from '../../common/domain/image-regions';

const close = (rect: { x: number; y: number; w: number; h: number }) => ({
  x: expect.closeTo(rect.x, 9),
  y: expect.closeTo(rect.y, 9),
  w: expect.closeTo(rect.w, 9),
  h: expect.closeTo(rect.h, 9),
});

describe('image region geometry', () => {
  it('normalises a drag in display px to fractions of the displayed image, either corner first, clipped to the image', () => {
    const shown = { width: 400, height: 200 };
    expect(rectFromDrag({ x: 40, y: 20 }, { x: 240, y: 120 }, shown)).toEqual(close({ x: 0.1, y: 0.1, w: 0.5, h: 0.5 }));
    expect(rectFromDrag({ x: 240, y: 120 }, { x: 40, y: 20 }, shown)).toEqual(close({ x: 0.1, y: 0.1, w: 0.5, h: 0.5 }));
    expect(rectFromDrag({ x: 300, y: 100 }, { x: 900, y: -50 }, shown)).toEqual(close({ x: 0.75, y: 0, w: 0.25, h: 0.5 }));
    expect(rectFromDrag({ x: 10, y: 10 }, { x: 10, y: 90 }, shown)).toBeUndefined();
    expect(rectFromDrag({ x: -30, y: 10 }, { x: -5, y: 90 }, shown)).toBeUndefined();
    expect(rectFromDrag({ x: 0, y: 0 }, { x: 10, y: 10 }, { width: 0, height: 0 })).toBeUndefined();
  });

  it('maps back to display px', () => {
    expect(toDisplay({ x: 0.1, y: 0.25, w: 0.5, h: 0.5 }, { width: 400, height: 200 })).toEqual({
      left: 40,
      top: 50,
      width: 200,
      height: 100,
    });
  });

  it('clamps into the image: moves first, shrinks only what is larger than the image, never below the minimum side', () => {
    expect(clampRect({ x: 0.9, y: -0.2, w: 0.3, h: 0.3 })).toEqual(close({ x: 0.7, y: 0, w: 0.3, h: 0.3 }));
    expect(clampRect({ x: -1, y: 0, w: 2, h: 0.5 })).toEqual({ x: 0, y: 0, w: 1, h: 0.5 });
    expect(clampRect({ x: 0.5, y: 0.5, w: 0, h: 0.0001 })).toEqual({ x: 0.5, y: 0.5, w: MIN_REGION_SIDE, h: MIN_REGION_SIDE });
  });

  it('nudges by keyboard steps and stops at the edges', () => {
    const rect = { x: 0.5, y: 0.5, w: 0.2, h: 0.2 };
    expect(nudgeRect(rect, 1, 0)).toEqual(close({ x: 0.5 + KEYBOARD_STEP, y: 0.5, w: 0.2, h: 0.2 }));
    expect(nudgeRect(rect, 0, -3)).toEqual(close({ x: 0.5, y: 0.47, w: 0.2, h: 0.2 }));
    expect(nudgeRect(rect, 100, 100)).toEqual(close({ x: 0.8, y: 0.8, w: 0.2, h: 0.2 }));
    expect(nudgeRect(rect, -100, 0)).toEqual(close({ x: 0, y: 0.5, w: 0.2, h: 0.2 }));
  });

  it('resizes from the top-left corner by keyboard steps, within the image and never below the minimum side', () => {
    const rect = { x: 0.5, y: 0.5, w: 0.2, h: 0.2 };
    expect(resizeRect(rect, 1, 0)).toEqual(close({ x: 0.5, y: 0.5, w: 0.21, h: 0.2 }));
    expect(resizeRect(rect, 0, -2)).toEqual(close({ x: 0.5, y: 0.5, w: 0.2, h: 0.18 }));
    expect(resizeRect(rect, 100, 100)).toEqual(close({ x: 0.5, y: 0.5, w: 0.5, h: 0.5 }));
    expect(resizeRect(rect, -100, 0)).toEqual(close({ x: 0.5, y: 0.5, w: MIN_REGION_SIDE, h: 0.2 }));
  });

  it('starts a keyboard rectangle centred and square on the image’s pixels', () => {
    const rect = centredRect({ width: 4000, height: 2000 });
    expect(rect).toEqual(close({ x: 0.45, y: 0.4, w: 0.1, h: 0.2 }));
    expect(pixelSize(rect, { width: 4000, height: 2000 })).toEqual({ width: 400, height: 400 });
  });

  it('says why a rectangle cannot be a region: out of bounds, degenerate, or below the minimum side', () => {
    expect(imageRegionProblem({ x: 0, y: 0, w: 1, h: 1 })).toBeUndefined();
    expect(imageRegionProblem({ x: 0.7, y: 0, w: 0.3 + 1e-12, h: 1 })).toBeUndefined();
    expect(imageRegionProblem({ x: 0.8, y: 0, w: 0.3, h: 0.1 })).toMatch(/within the image/);
    expect(imageRegionProblem({ x: 0, y: 0, w: 0, h: 0.1 })).toMatch(/more than 0/);
    expect(imageRegionProblem({ x: 0, y: 0, w: 0.0019, h: 0.1 })).toMatch(/at least 0.2%/);
    expect(imageRegionProblem({ x: 0, y: 0, w: MIN_REGION_SIDE, h: MIN_REGION_SIDE })).toBeUndefined();
  });
});
