import { describe, expect, it } from 'vitest';
import { checkableNeedles, findLeaks, occursIn, type Needle } from '../../../main/export/leaks';

const needle = (text: string): Needle => ({ text, source: { kind: 'redacted-text', messageId: 1, reasonCodes: ['personal-contact'] } });
const leaks = (haystack: string, ...texts: string[]): number[] =>
  findLeaks([{ text: haystack }], checkableNeedles(texts.map(needle)).needles).map((l) => l.needle);

describe('the leak search', () => {
  it('finds a hidden word however its case, ligatures, fullwidth letters, invisible characters or overlays spell it', () => {
    for (const spelling of [
      'KESTREL',
      'kestrel ops',
      'Kes\u200btrel',
      'Kes\u0336trel',
      'Ｋｅｓｔｒｅｌ',
      'K\u00adestrel',
      'Kes\u20d2trel',
      'Kestrel\ufe0f',
    ]) {
      expect(leaks(`Sender: ${spelling} at 10:00`, 'Kestrel'), spelling).toEqual([0]);
    }
    expect(leaks('The Staﬃn site', 'Staffin')).toEqual([0]);
    expect(leaks('The Staffin site', 'Staﬃn')).toEqual([0]);
  });

  it('keeps whole words for short needles and finds long ones across the PDF’s spacing', () => {
    expect(leaks('See you Tomorrow', 'Tom')).toEqual([]);
    expect(leaks('See you, TOM', 'Tom')).toEqual([0]);
    expect(leaks('Morag Camp bell, comms', 'Morag Campbell')).toEqual([0]);
    expect(leaks('nothing here', 'Morag Campbell')).toEqual([]);
  });

  it('says where a leaked text is printed by the same rules', () => {
    expect(occursIn('WhatsApp Chat with KESTREL.txt', 'Kestrel')).toBe(true);
    expect(occursIn('Ｋｅｓｔｒｅｌ ops', 'kestrel ops')).toBe(true);
    expect(occursIn('Tomorrow', 'TOM')).toBe(false);
  });
});
