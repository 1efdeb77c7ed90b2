import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const AUTHORS = ['Ann Gray', 'Bob Hale', 'Cat Ives'];

/**
 * A chat of `count` messages (about 1.3 MB at 12,000), its dates only ever day 1-12 of a month (they
 * read either way round), then `tail` lines.
 */
export function chatWithTail(dir: string, count: number, tail: readonly string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const day = String((Math.floor(i / 1000) % 12) + 1).padStart(2, '0');
    const minute = String(i % 60).padStart(2, '0');
    lines.push(`${day}/03/2020, 10:${minute} - ${AUTHORS[i % 3]}: message ${i} about the plan for the week ahead and who is on call`);
  }
  const path = join(dir, `chat-${tail.length}-${count}.txt`);
  writeFileSync(path, [...lines, ...tail, ''].join('\n'));
  return path;
}
