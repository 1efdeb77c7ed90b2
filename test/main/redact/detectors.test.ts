import { describe, expect, it } from 'vitest';
import { detectAll, detectEmails, detectNames, detectNiNumbers, detectPhones, detectPostcodes } from '../../../main/redact/detectors';

const texts = (found: readonly { text: string }[]): string[] => found.map((f) => f.text);

describe('detectPhones', () => {
  it('finds UK mobiles and landlines written with spaces, dashes, brackets and +44 (0)', () => {
    const text = 'Ring 07911 123456, or 07911-123-456, +44 (0)7911 123456, office (020) 7946 0018 and 0117 496 0123.';
    expect(texts(detectPhones(text))).toEqual(['07911 123456', '07911-123-456', '+44 (0)7911 123456', '(020) 7946 0018', '0117 496 0123']);
  });

  it('finds Ofcom drama-range numbers, which libphonenumber calls invalid but are real-looking', () => {
    expect(texts(detectPhones('mob 07700 900123 / 07700900456'))).toEqual(['07700 900123', '07700900456']);
  });

  it('finds international numbers with + or 00', () => {
    expect(texts(detectPhones('US +1 202-555-0143, Paris +33 1 42 68 53 00 or 0033 1 42 68 53 00'))).toEqual([
      '+1 202-555-0143',
      '+33 1 42 68 53 00',
      '0033 1 42 68 53 00',
    ]);
  });

  it('splits two numbers separated only by a space', () => {
    expect(texts(detectPhones('07911 123456 07911 654321'))).toEqual(['07911 123456', '07911 654321']);
  });

  it('does not take dates, times, amounts or bare order numbers for phone numbers', () => {
    const text = 'Met 12/03/2021 at 14:30 (ref 2021-03-12, 01.03.2021, 01 03 2021), paid £1,234,567, order 1234567890 and 20210312';
    expect(detectPhones(text)).toEqual([]);
  });

  it('gives UTF-16 offsets that are right after an emoji', () => {
    const text = '👍🏽 07911 123456';
    const [hit] = detectPhones(text);
    expect(hit && text.slice(hit.start, hit.end)).toBe('07911 123456');
  });
});

describe('detectEmails', () => {
  it('finds addresses, including sub-domains and plus-addressing, without trailing punctuation', () => {
    expect(texts(detectEmails('Write to jane.smith+inquiry@cabinet-office.gov.uk. Or j@x.io, please'))).toEqual([
      'jane.smith+inquiry@cabinet-office.gov.uk',
      'j@x.io',
    ]);
  });

  it('does not take handles or words with @ for addresses', () => {
    expect(detectEmails('@jane said hi @ 5pm, user@localhost')).toEqual([]);
  });
});

describe('detectPostcodes', () => {
  it('finds every outward format, with or without the space, any case, and GIR 0AA', () => {
    const text = 'SW1A 2AA, M1 1AE, B33 8TH, CR2 6XH, DN55 1PT, W1A 0AX, EC1A1BB, sw1a 1aa, GIR 0AA';
    expect(texts(detectPostcodes(text))).toEqual([
      'SW1A 2AA',
      'M1 1AE',
      'B33 8TH',
      'CR2 6XH',
      'DN55 1PT',
      'W1A 0AX',
      'EC1A1BB',
      'sw1a 1aa',
      'GIR 0AA',
    ]);
  });

  it('refuses letters the Royal Mail never uses and codes inside longer words', () => {
    // Q first, Z second, C in the inward code, and a postcode-like run inside a reference.
    expect(detectPostcodes('QA1 1AA, AZ1 1AA, SW1A 2CA, REFSW1A2AA9')).toEqual([]);
  });
});

describe('detectNiNumbers', () => {
  it('finds National Insurance numbers spaced or not, with the suffix, and spaced without it', () => {
    expect(texts(detectNiNumbers('NI: AB 12 34 56 C, AB123456C, ab 12 34 56 d, JG 10 30 14'))).toEqual([
      'AB 12 34 56 C',
      'AB123456C',
      'ab 12 34 56 d',
      'JG 10 30 14',
    ]);
  });

  it('finds one number in every common spacing, case and separator', () => {
    const written = [
      'QQ123456C',
      'QQ 12 34 56 C',
      'QQ 123456 C',
      'QQ123456 C',
      'QQ 123456C',
      'qq-12-34-56-c',
      'QQ.12.34.56.C',
      'QQ\u00a012\u00a034\u00a056\u00a0C',
      'QQ 12 34 56C',
    ];
    for (const text of written) expect(texts(detectNiNumbers(`my NI is ${text}, thanks`)), text).toEqual([text]);
  });

  it('takes QQ, the specimen prefix HMRC prints on its forms and guidance, as a number to redact', () => {
    expect(texts(detectNiNumbers('NI: QQ 12 34 56 C'))).toEqual(['QQ 12 34 56 C']);
  });

  it('refuses prefixes HMRC never issues: D F I Q U V first, O second, and BG GB KN NK NT TN ZZ', () => {
    const refused = ['DA', 'FA', 'IA', 'QA', 'UA', 'VA', 'AO', 'AD', 'BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'];
    for (const prefix of refused) {
      expect(detectNiNumbers(`${prefix}123456C`), prefix).toEqual([]);
      expect(detectNiNumbers(`${prefix} 12 34 56 C`), prefix).toEqual([]);
    }
  });

  it('refuses an unspaced number without its suffix (as likely an order reference) and a suffix past D', () => {
    expect(detectNiNumbers('AB123456 and AB123456E')).toEqual([]);
  });

  it('refuses mixed separators, digits in other groupings and runs inside longer words or numbers', () => {
    expect(detectNiNumbers('AB 12-34.56 C, AB 1234 56 C, XAB123456C, AB123456C7, AB 12 34 567 C')).toEqual([]);
  });
});

describe('detectNames', () => {
  it('matches case-insensitively on whole words only', () => {
    expect(texts(detectNames('ann met ANN and Anne about the Annual report', ['Ann']))).toEqual(['ann', 'ANN']);
  });

  it('treats straight and curly apostrophes alike', () => {
    expect(texts(detectNames("O’Neill and O'Neill and O‘neill", ["O'Neill"]))).toEqual(['O’Neill', "O'Neill", 'O‘neill']);
  });

  // The matcher ignores marks (common/domain/matcher.ts): a name typed without its accent on a phone is the same name.
  it('matches Gaelic and Welsh accents typed composed, decomposed or left off', () => {
    const decomposed = 'Sea\u0301n';
    expect(texts(detectNames(`Seán, ${decomposed}, SEÁN, Sean; Siân and Dafydd ap Gwilym`, ['Seán', 'Siân', 'Dafydd  ap Gwilym']))).toEqual(
      ['Seán', decomposed, 'SEÁN', 'Sean', 'Siân', 'Dafydd ap Gwilym'],
    );
  });
});

describe('detectAll', () => {
  it('returns the chosen kinds only, in text order', () => {
    const text = 'jane@x.org lives at SW1A 2AA, tel 07911 123456';
    expect(detectAll(text, ['phone', 'email'], []).map((d) => d.kind)).toEqual(['email', 'phone']);
    expect(detectAll(text, ['phone', 'email', 'postcode'], []).map((d) => d.kind)).toEqual(['email', 'postcode', 'phone']);
  });
});
