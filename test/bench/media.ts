/**
 * Attachment measures for scripts/bench.mjs (BENCH_ONLY=media). Each prints one JSON line.
 *
 * media.ts sidecar-floor <export.zip> <sidecar file>: the floor a sidecar file would have for keeping
 * attachment bytes: every file of an export read once, hashed, and appended to one file beside the case,
 * then synced. Printed beside the import that keeps the same bytes in the case, it is what SQLite costs
 * over a sidecar.
 *
 * media.ts first-screen-thumbnails <case>: the thumbnails of the first FIRST_SCREEN attachments of the
 * case's first conversation, from an empty cache (threads not yet started), as the timeline asks for
 * them; then again, from the cache; and what the cache then holds per thumbnail.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, rmSync, writeSync } from 'node:fs';
import { thumbnailsFor } from '../../main/attachments/thumbnails';
import { listConversations } from '../../main/browse/sources';
import { timeline } from '../../main/browse/timeline';
import { closeCase, openCase } from '../../main/cases/service';
import { openZipFile } from '../../main/import/zip';

const [mode, input, sidecar] = process.argv.slice(2);
const USAGE = 'usage: media.ts sidecar-floor <export.zip> <sidecar file> | first-screen-thumbnails <case>';
if (!((mode === 'sidecar-floor' && input && sidecar) || (mode === 'first-screen-thumbnails' && input))) throw new Error(USAGE);

/** Attachments on the first screen of a conversation with photos (the timeline's rows, a few photos high each). */
const FIRST_SCREEN = 30;

async function firstScreenThumbnails(): Promise<void> {
  const session = openCase(input!);
  try {
    const db = session.writable!;
    const [first] = listConversations(db, null);
    const ids: number[] = [];
    for (let from = 0; ids.length < FIRST_SCREEN && from < first!.messages; from += 500) {
      for (const m of timeline(db, first!.id, from, 500).messages) ids.push(...m.attachments.filter((a) => a.present).map((a) => a.id));
    }
    ids.length = Math.min(ids.length, FIRST_SCREEN);
    db.exec('DELETE FROM thumbnails');
    const started = performance.now();
    const cold = await thumbnailsFor(db, ids);
    const seconds = (performance.now() - started) / 1000;
    const warmStarted = performance.now();
    await thumbnailsFor(db, ids);
    const warmSeconds = (performance.now() - warmStarted) / 1000;
    const cache = db.prepare("SELECT count(*) AS rows, sum(length(bytes)) AS bytes FROM thumbnails WHERE state = 'ready'").get() as {
      rows: number;
      bytes: number;
    };
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    const ready = cold.filter((t) => t.state === 'ready').length;
    const reasons = [...new Set(cold.flatMap((t) => (t.state === 'unavailable' ? [t.reason] : [])))];
    const bytesPerThumbnail = cache.rows ? Math.round(cache.bytes / cache.rows) : 0;
    process.stdout.write(`${JSON.stringify({ mode, items: ids.length, ready, reasons, seconds, warmSeconds, bytesPerThumbnail, peakRssMb })}
`);
  } finally {
    closeCase(session);
  }
}

async function main(): Promise<void> {
  if (mode === 'first-screen-thumbnails') return firstScreenThumbnails();
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
