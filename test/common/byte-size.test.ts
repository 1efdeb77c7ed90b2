import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../common/domain/byte-size';

describe('formatBytes', () => {
  it('counts small sizes in bytes, larger ones in binary units with at most one decimal', () => {
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(1023)).toBe('1,023 bytes');
    expect(formatBytes(740 * 1024)).toBe('740 KB');
    expect(formatBytes(Math.round(2.3 * 1024 ** 3))).toBe('2.3 GB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
    expect(formatBytes(5 * 1024 ** 5)).toBe('5,120 TB');
  });
});
