import { describe, expect, it } from 'vitest';

import { coveringPixels, innerPixels, normalisedRectProblem } from '../../common/domain/media';

describe('normalised rectangles', () => {
  it('accepts a rectangle inside the unit square and says what is wrong with any other', () => {
    expect(normalisedRectProblem({ x: 0, y: 0, w: 1, h: 1 })).toBeUndefined();
    expect(normalisedRectProblem({ x: 0.1, y: 0.2, w: 0.3, h: 0.4 })).toBeUndefined();
    expect(normalisedRectProblem({ x: -0.1, y: 0, w: 0.5, h: 0.5 })).toBe('x and y must be at least 0');
    expect(normalisedRectProblem({ x: 0, y: 0, w: 0, h: 0.5 })).toBe('w and h must be more than 0');
    expect(normalisedRectProblem({ x: 0.6, y: 0, w: 0.5, h: 0.5 })).toMatch(/must lie within the image/);
    expect(normalisedRectProblem({ x: Number.NaN, y: 0, w: 0.5, h: 0.5 })).toBe('x, y, w and h must be finite numbers');
  });

  it('covers every pixel a rectangle touches, rounding outward', () => {
    expect(coveringPixels({ x: 0.25, y: 1 / 3, w: 0.25, h: 1 / 3 }, 400, 300)).toEqual({ left: 100, top: 100, width: 100, height: 100 });
    expect(coveringPixels({ x: 0.101, y: 0, w: 0.1, h: 1 }, 100, 10)).toEqual({ left: 10, top: 0, width: 11, height: 10 });
    expect(coveringPixels({ x: 0, y: 0, w: 1, h: 1 }, 7, 5)).toEqual({ left: 0, top: 0, width: 7, height: 5 });
  });

  it('checks only the pixels well inside, and never nothing', () => {
    expect(innerPixels({ x: 0.25, y: 1 / 3, w: 0.25, h: 1 / 3 }, 400, 300, 2)).toEqual({ left: 102, top: 102, width: 96, height: 96 });
    expect(innerPixels({ x: 0.1, y: 0.1, w: 0.03, h: 0.03 }, 100, 100, 2)).toEqual({ left: 10, top: 10, width: 3, height: 3 });
    expect(innerPixels({ x: 0.101, y: 0.101, w: 0.002, h: 0.002 }, 100, 100, 2)).toEqual({ left: 10, top: 10, width: 1, height: 1 });
  });
});
