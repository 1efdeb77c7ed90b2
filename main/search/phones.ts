/**
 * The spellings of a phone number that the case's index holds. The index cuts "+44 7700 900461" into
 * the words 44, 7700 and 900461, so a number is found as a phrase of digit words; which phrases exist
 * depends on how people grouped the digits. Rather than guess the groupings, each way of cutting the
 * number's digit forms (phone-numbers.ts: 7700900461, 07700900461, 447700900461, …) into words the
 * index actually holds is a spelling to search for. Groups are read as people write them: at most six
 * (as the detector), and after the first one none shorter than two digits.
 */
import type { ReadableDB } from '../../db/connection';
import { indexTermsAmong } from '../../db/queries/search';
import { phoneDigitForms } from '../../common/domain/phone-numbers';
import type { PhoneExpander } from './compile';

const MAX_GROUPS = 6;
const MIN_LATER_GROUP = 2;

/** Every cut of `digits` into known words, the first word running past the `prefix` digits. */
function cuts(digits: string, prefix: number, known: ReadonlySet<string>): string[][] {
  const found: string[][] = [];
  const walk = (at: number, words: string[]): void => {
    if (at === digits.length) {
      found.push(words);
      return;
    }
    if (words.length === MAX_GROUPS) return;
    const shortest = at === 0 ? prefix + 1 : MIN_LATER_GROUP;
    for (let end = at + shortest; end <= digits.length; end += 1) {
      const word = digits.slice(at, end);
      if (known.has(word)) walk(end, [...words, word]);
    }
  };
  walk(0, []);
  return found;
}

/** Every substring of the forms' digits that could be one word of a spelling. */
function pieces(forms: readonly { readonly digits: string }[]): string[] {
  const all = new Set<string>();
  for (const { digits } of forms)
    for (let i = 0; i < digits.length; i += 1) for (let j = i + 1; j <= digits.length; j += 1) all.add(digits.slice(i, j));
  return [...all];
}

export function phoneExpander(db: ReadableDB, keys: readonly string[]): PhoneExpander {
  const forms = new Map(keys.map((key) => [key, phoneDigitForms(key)]));
  const known = new Set(indexTermsAmong(db, pieces([...forms.values()].flat())));
  return (key) => (forms.get(key) ?? []).flatMap(({ digits, prefix }) => cuts(digits, prefix, known));
}
