/**
 * Small exports imported through the app's own path: the handlers behind the contract, the import
 * job in a worker thread, the index update, the finished event — what the Sources screen waits for
 * between Import and the messages on screen. The form asks main to get a worker ready when it opens
 * (`import.prepare`); the first import is timed after that, as a reviewer choosing a file would be.
 * Usage (via scripts/bench.mjs): small-import.ts <dir of exports> <case>. Prints one JSON line.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName, JobFinished } from '../../common/contract';
import { createDispatch } from '../../main/dispatch';
import { createHandlers } from '../../main/handlers';
import { testHost } from '../helpers/host';

const [exportsDir, casePath] = process.argv.slice(2);
if (!exportsDir || !casePath) throw new Error('usage: small-import.ts <dir of exports> <case>');
const dir: string = exportsDir;

async function main(): Promise<void> {
  let finished: ((event: JobFinished) => void) | null = null;
  const host = {
    ...testHost(dir),
    emit: (event: EventName, payload: unknown) => {
      if (event === 'job.finished') finished?.(payload as JobFinished);
    },
  };
  const set = createHandlers(host);
  const dispatch = createDispatch(set.handlers);
  await dispatch('case.create', { path: casePath, name: 'Small imports' });
  // A build without it answers with an error envelope, and its first import loads a worker.
  await dispatch('import.prepare', {});
  // The reviewer takes a moment to choose a file; the worker loads meanwhile.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const seconds: number[] = [];
  let messages = 0;
  for (const [index, file] of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .entries()) {
    const path = join(dir, file);
    await dispatch('import.detect', { path });
    const done = new Promise<JobFinished>((resolve) => (finished = resolve));
    const started = performance.now();
    await dispatch('import.start', { path, custodian: `Custodian ${index + 1}` });
    const event = await done;
    seconds.push((performance.now() - started) / 1000);
    if (!event.ok) throw new Error(`${file}: ${event.error.message}`);
    messages += event.summary.messages;
  }
  set.dispose();
  const sorted = [...seconds].sort((a, b) => a - b);
  process.stdout.write(
    `${JSON.stringify({ imports: seconds.length, messages, first: seconds[0], median: sorted[Math.floor(sorted.length / 2)], max: sorted.at(-1), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
  );
}

void main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
