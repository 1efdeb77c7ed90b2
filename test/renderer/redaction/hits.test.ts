import { describe, expect, it } from 'vitest';
import { acceptedHits, appendHits, hitKey, redactableKeys } from '../../../renderer/features/redaction/hits';

const hit = (messageId: number, start: number, end: number, alreadyRedacted = false) => ({ messageId, start, end, alreadyRedacted });

describe('hits', () => {
  const hits = [hit(1, 0, 4), hit(1, 10, 14, true), hit(2, 3, 7)];

  it('accepts all but what is already hidden', () => {
    expect([...redactableKeys(hits)]).toEqual(['1:0:4', '2:3:7']);
  });

  it('sends only accepted hits that still need redacting, in list order', () => {
    expect(acceptedHits(hits, new Set(['2:3:7', '1:10:14', '1:0:4']))).toEqual([
      { messageId: 1, start: 0, end: 4 },
      { messageId: 2, start: 3, end: 7 },
    ]);
  });

  it('appends a page without repeating hits already listed', () => {
    expect(appendHits(hits, [hit(2, 3, 7), hit(3, 0, 1)]).map(hitKey)).toEqual(['1:0:4', '1:10:14', '2:3:7', '3:0:1']);
  });
});
