/**
 * Bulk review at scale, on the benchmark case the import step made (one conversation of every
 * generated message): classify the whole conversation, count progress, undo, redo. Prints one JSON
 * line; scripts/bench.mjs runs it in its own process so its peak RSS is its own.
 * Usage: tsx test/bench/review.ts <case>
 */
import { copyFileSync, rmSync } from 'node:fs';
import { openCaseFile, closeCaseFile } from '../../db/connection';
import { decide } from '../../main/review/decisions';
import { progress } from '../../main/review/progress';
import { redo, undo } from '../../main/review/undo';
import { DecideArgsSchema } from '../../common/contract/channels/review';

const [source] = process.argv.slice(2);
if (!source) throw new Error('usage: review.ts <case>');
// A copy, so the decisions made here do not leak into the search measurements that share the case.
const path = source.replace(/\.ddcase$/, '-review.ddcase');
for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
copyFileSync(source, path);

const seconds = <T>(work: () => T): [T, number] => {
  const started = performance.now();
  const value = work();
  return [value, (performance.now() - started) / 1000];
};

const { writable } = openCaseFile(path);
if (!writable) throw new Error(`${path} could not be opened for writing`);
const conversationId = writable.prepare('SELECT id FROM conversations ORDER BY message_count DESC LIMIT 1').pluck().get() as number;
const [classified, classify] = seconds(() =>
  decide(
    writable,
    DecideArgsSchema.parse({
      selector: { kind: 'conversation', conversationId },
      change: { classification: 'business', outcome: 'disclose' },
    }),
    'bench',
  ),
);
const [, count] = seconds(() => progress(writable));
const [, undone] = seconds(() => undo(writable, 'bench'));
const [, redone] = seconds(() => redo(writable, 'bench'));
closeCaseFile(writable);
for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
process.stdout.write(
  `${JSON.stringify({ messages: classified.changed, classify, progress: count, undo: undone, redo: redone, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);
