import { describe, expect, it } from 'vitest';
import { findPhoneNumbers, phoneDigitForms, phoneKey } from '../../../common/domain/phone-numbers';
import { SPELLINGS } from '../../helpers/phone-spellings';

describe('phone numbers', () => {
  it('reads every spelling of one number as the same key', () => {
    for (const spelling of SPELLINGS) expect(phoneKey(spelling), spelling).toBe('+447700900461');
    expect(phoneKey('07700 900462')).toBe('+447700900462');
  });

  it('finds each spelling in running text, as written', () => {
    const text = SPELLINGS.join(', and ');
    expect(findPhoneNumbers(text).map((f) => f.text)).toEqual(SPELLINGS);
  });

  it('gives no key to text that is not one whole phone number', () => {
    for (const text of ['hello', '900461', '12/03/2021', 'ring 07700 900461', '07700 900461 and 07911 123456'])
      expect(phoneKey(text), text).toBeNull();
  });

  it('lists the digit strings a number is written with, and how much of each is prefix', () => {
    expect(phoneDigitForms('+447700900461')).toEqual([
      { digits: '7700900461', prefix: 0 },
      { digits: '07700900461', prefix: 1 },
      { digits: '447700900461', prefix: 2 },
      { digits: '00447700900461', prefix: 4 },
      { digits: '4407700900461', prefix: 3 },
      { digits: '004407700900461', prefix: 5 },
    ]);
  });
});
