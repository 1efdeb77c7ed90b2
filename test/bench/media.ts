/**
 * The floor a sidecar file would have for keeping attachment bytes: every file of an export read once,
 * hashed, and appended to one file beside the case, then synced. Printed beside the import that keeps
 * the same bytes in the case (scripts/bench.mjs, BENCH_ONLY=media), it is what SQLite costs over a sidecar.
 * Usage: media.ts sidecar-floor <export.zip> <sidecar file>. Prints one JSON line.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { openZipFile } from '../../main/import/zip';

const [mode, input, sidecar] = process.argv.slice(2);
if (mode !== 'sidecar-floor' || !input || !sidecar) throw new Error('usage: media.ts sidecar-floor <export.zip> <sidecar file>');

async function main(): Promise<void> {
  const started = performance.now();
  const files = await openZipFile(input!);
  const fd = openSync(sidecar!, 'w');
  let bytes = 0;
  let items = 0;
  try {
    for (const entry of files.entries) {
      if (!entry.endsWith('.jpg')) continue;
      const digest = createHash('sha256');
      for await (const chunk of files.stream(entry)) {
        digest.update(chunk);
        writeSync(fd, chunk);
        bytes += chunk.byteLength;
      }
      digest.digest('hex');
      items++;
    }
    fsyncSync(fd);
  } finally {
    closeSync(fd);
    await files.close();
  }
  const seconds = (performance.now() - started) / 1000;
  rmSync(sidecar!);
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ mode, items, bytes, seconds, perSecond: Math.round(items / seconds), peakRssMb })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
