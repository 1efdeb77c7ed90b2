import { describe, expect, it } from 'vitest';
import { ZONE_CHECK_NOTE } from '../../../../common/domain/import-notes';
import { chatFile, LONDON, notesOf, parseAll } from './memory';

const zoneChecks = async (text: string): Promise<string[]> =>
  notesOf(await parseAll(chatFile('chat.txt', text), LONDON))
    .filter((n) => n.message.startsWith(ZONE_CHECK_NOTE))
    .map((n) => n.message);

describe('the zone check note', () => {
  it('is left on a source whose dates are month-first or whose times are on a 12-hour clock, naming the zone read in', async () => {
    const us = await zoneChecks('10/28/21, 9:02 AM - Tom Reid: Hi\n10/28/21, 12:04 PM - Priya Nair: Lunch\n');
    expect(us).toEqual([
      `${ZONE_CHECK_NOTE} dates are written month first and times on a 12-hour clock, as a phone set to US English writes them, ` +
        'and the times were read in Europe/London. If the phone was elsewhere, every time here is out by the difference between the zones.',
    ]);
    expect(await zoneChecks('28/10/2021, 9:02 am - Tom Reid: Hi\n28/10/2021, 1:04 pm - Priya Nair: Lunch\n')).toHaveLength(1);
  });

  it('is not left on a day-first, 24-hour export', async () => {
    expect(await zoneChecks('28/10/2021, 09:02 - Tom Reid: Hi\n28/10/2021, 13:04 - Priya Nair: Lunch\n')).toEqual([]);
  });
});
