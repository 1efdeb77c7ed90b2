import { describe, expect, it } from 'vitest';
import { localStamp } from '../../../main/export/times';

/** The stamp formatted directly for that one instant: what localStamp's quarter-hour cache must equal. */
function direct(utcMs: number, zone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(utcMs);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}

describe('localStamp', () => {
  it('prints local time with the zone abbreviation', () => {
    expect(localStamp(Date.UTC(2020, 2, 3, 8, 1), 'Europe/London')).toBe('Tue 3 Mar 2020 08:01 GMT');
    expect(localStamp(Date.UTC(2020, 6, 3, 8, 1), 'Europe/London')).toBe('Fri 3 Jul 2020 09:01 BST');
  });

  it('is right on every minute around the clock changes', () => {
    for (const start of [Date.UTC(2020, 2, 29, 0, 30), Date.UTC(2020, 9, 25, 0, 30)]) {
      for (let m = 0; m < 60; m++)
        expect(localStamp(start + m * 60_000, 'Europe/London')).toBe(direct(start + m * 60_000, 'Europe/London'));
    }
  });

  it('is right in zones whose offsets are not whole hours, and in old offsets that are not even quarter hours', () => {
    const zones = [
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'America/St_Johns',
      'Australia/Lord_Howe',
      'Pacific/Chatham',
      'Africa/Monrovia',
      'Europe/Dublin',
    ];
    for (const zone of zones) {
      // Every 7 minutes for two days in 1960 (Monrovia was UTC−0:44:30) and in 2020.
      for (const from of [Date.UTC(1960, 5, 1), Date.UTC(2020, 3, 4, 12)]) {
        for (let t = from; t < from + 2 * 86_400_000; t += 7 * 60_000) expect(localStamp(t, zone)).toBe(direct(t, zone));
      }
    }
  });
});
