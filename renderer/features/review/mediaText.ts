/** Media facts in words for the attachment viewer. Pure. */
import type { GpsPosition } from '../../../common/domain/media';

/** 55.953428° N, 3.195000° W: six decimals is about 10 cm, as precise as any phone records. */
export function formatPosition({ latitude, longitude }: GpsPosition): string {
  const part = (value: number, positive: string, negative: string) => `${Math.abs(value).toFixed(6)}° ${value < 0 ? negative : positive}`;
  return `${part(latitude, 'N', 'S')}, ${part(longitude, 'E', 'W')}`;
}

/** 1:02:03 or 2:03, with the seconds as the container gives them. */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  const clock = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  return `${clock} (${seconds.toFixed(1)} s)`;
}
