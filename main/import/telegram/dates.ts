/**
 * The `date` strings of Telegram exports. Telegram Desktop writes the exporting computer's local time
 * without an offset (`2021-10-25T09:00:05`); other writers of the same JSON state the instant, in UTC
 * with milliseconds (`2021-10-25T09:00:05.123Z`) or with an offset.
 */
import type { WallClock } from '../../../common/domain/time';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

export type TelegramDate =
  /** The instant itself: the string carried `Z` or an offset. */
  | { readonly kind: 'instant'; readonly utcMs: number }
  /** A wall-clock time whose zone the export does not say. */
  | { readonly kind: 'local'; readonly wall: WallClock };

/** The date `raw` names, or null when it is no date of these shapes, or no real one (a 31 February). */
export function readTelegramDate(raw: string): TelegramDate | null {
  const match = ISO_DATE.exec(raw);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const millisecond = Number((match[7] ?? '0').slice(0, 3).padEnd(3, '0'));
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  const check = new Date(asUtc);
  const real =
    check.getUTCFullYear() === year &&
    check.getUTCMonth() === month - 1 &&
    check.getUTCDate() === day &&
    hour < 24 &&
    minute < 60 &&
    second < 60;
  if (!real) return null;
  const zone = match[8];
  if (zone === undefined) return { kind: 'local', wall: { year, month, day, hour, minute, second, ...(millisecond && { millisecond }) } };
  if (zone === 'Z') return { kind: 'instant', utcMs: asUtc };
  const digits = zone.replace(':', '');
  const offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  return { kind: 'instant', utcMs: asUtc - offsetMinutes * 60_000 };
}

/**
 * A sender or reactor id as one spelling: exports before 2021 write a user's `from_id` as the number
 * alone (`11111111`) where later ones write `"user11111111"`, and `personal_information.user_id` is
 * the number in both. Prefixed ids (`user…`, `channel…`) are kept as written.
 */
export function telegramUserId(value: string | number): string {
  const text = String(value);
  return /^\d+$/.test(text) ? `user${text}` : text;
}
