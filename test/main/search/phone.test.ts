import { afterEach, describe, expect, it } from 'vitest';
import { closeCase, type CaseSession } from '../../../main/cases/service';
import { search } from '../../../main/search/engine';
import { updateIndex } from '../../../main/search/indexer';
import { selectMessageIds } from '../../../main/search/select';
import { SPELLINGS } from '../../helpers/phone-spellings';
import { useTempDir } from '../../helpers/temp';
import { caseWithBodies } from '../redact/seed';

/** The number in every spelling, then a neighbour and a near miss that must never match it. */
const BODIES = [
  ...SPELLINGS.map((s, i) => `message ${i}: ring ${s} after six`),
  'the neighbour is 07700 900462',
  'order 7700 and 900461 units',
];

describe('search for a phone number', () => {
  const tempDir = useTempDir();
  let session: CaseSession | undefined;
  afterEach(() => {
    if (session) closeCase(session);
    session = undefined;
  });

  async function indexedCase() {
    const made = caseWithBodies(tempDir(), BODIES);
    session = made.session;
    await updateIndex(made.db);
    return made;
  }

  it('finds every spelling of the number, however the query spells it', async () => {
    const { db, ids } = await indexedCase();
    const spelled = ids.slice(0, SPELLINGS.length).sort((a, b) => a - b);
    for (const query of SPELLINGS)
      expect(
        selectMessageIds(db, query, {}).sort((a, b) => a - b),
        query,
      ).toEqual(spelled);
  });

  it('combines the number with other words and exclusions, and counts and pages it', async () => {
    const { db, ids } = await indexedCase();
    expect(selectMessageIds(db, '07700 900461 "message 2"', {})).toEqual([ids[2]]);
    expect(selectMessageIds(db, '+44 7700 900461 -"message 2"', {}).length).toBe(SPELLINGS.length - 1);
    const page = search(db, { query: '(07700) 900 461', filters: {}, order: 'chronological', limit: 3, offset: 0 });
    expect(page.total).toBe(SPELLINGS.length);
    expect(page.hits.length).toBe(3);
  });

  it('keeps a quoted number exact, and does not take a number of the wrong length for a phone number', async () => {
    const { db, ids } = await indexedCase();
    expect(selectMessageIds(db, '"07700 900461"', {})).toEqual([ids[1]]);
    expect(selectMessageIds(db, '900461', {}).sort((a, b) => a - b)).toEqual([ids[1], ids[2], ids[3], ids[5], ids[9]]);
  });
});
