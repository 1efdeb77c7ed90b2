import { describe, expect, it } from 'vitest';
import { formatDuration, formatPosition } from '../../../renderer/features/review/mediaText';

describe('media facts in words', () => {
  it('writes a GPS position with its hemispheres, to six decimals', () => {
    expect(formatPosition({ latitude: 55.9534277, longitude: -3.195 })).toBe('55.953428° N, 3.195000° W');
    expect(formatPosition({ latitude: -33.8688, longitude: 151.2093 })).toBe('33.868800° S, 151.209300° E');
  });

  it('writes a duration as a clock, with the seconds the container gives', () => {
    expect(formatDuration(7.25)).toBe('0:07 (7.3 s)');
    expect(formatDuration(125)).toBe('2:05 (125.0 s)');
    expect(formatDuration(3723.4)).toBe('1:02:03 (3723.4 s)');
  });
});
