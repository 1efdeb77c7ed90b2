/**
 * One benchmark measurement in its own process, so its peak RSS is its own. Prints one JSON line.
 * Usage (via scripts/bench.mjs): tsx test/bench/run-one.ts <ours-import|ours-parse|reference-parse|fts> <input file> [case]
 * (ours-import and ours-parse take any format; reference-parse a WhatsApp chat.)
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { parseString } from 'whatsapp-chat-parser';
import { closeCase, createCase } from '../../main/cases/service';
import { singleFile } from '../../main/import/files';
import { importSource } from '../../main/import/run';
import { detectFormat, formatOf } from '../../main/import/formats';

const [mode, chatArg, casePath] = process.argv.slice(2);
if (!mode || !chatArg) throw new Error('usage: run-one.ts <mode> <chat file> [case]');
const chat: string = chatArg;

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function measure(): Promise<{ items: number; seconds: number; checkpointSeconds?: number }> {
  const started = performance.now();
  const elapsed = (): number => (performance.now() - started) / 1000;
  switch (mode) {
    case 'ours-import': {
      if (!casePath) throw new Error('ours-import needs a case path');
      const session = createCase(
        casePath,
        {
          name: 'Benchmark',
          inquiry: '',
          requestReference: '',
          referencePrefix: 'INQ',
          protectiveMarking: 'OFFICIAL',
          defaultTimeZone: 'Europe/London',
        },
        { actor: 'bench', appVersion: 'bench' },
      );
      const summary = await importSource(
        session.writable!,
        { path: chat, custodian: 'Benchmark', timeZone: 'Europe/London' },
        { actor: 'bench' },
      );
      const seconds = elapsed();
      // The import leaves its pages in the write-ahead log; folding them into the case file is work
      // the index phase pays for (in the app, the index update after the import), so it is timed.
      const closing = performance.now();
      closeCase(session);
      return { items: summary.messages, seconds, checkpointSeconds: (performance.now() - closing) / 1000 };
    }
    case 'ours-parse': {
      let items = 0;
      const files = singleFile(chat);
      const format = formatOf(await detectFormat(files));
      for await (const events of format.parse(files, { timeZone: 'Europe/London' }))
        for (const event of events) if (event.type === 'message') items++;
      return { items, seconds: elapsed() };
    }
    case 'reference-parse': {
      const items = parseString(readFileSync(chat, 'utf8')).length;
      return { items, seconds: elapsed() };
    }
    case 'fts': {
      if (!casePath) throw new Error('fts needs a case path');
      const db = new Database(casePath);
      db.exec(`CREATE VIRTUAL TABLE bench_fts USING fts5(body, content='messages', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
               INSERT INTO bench_fts(bench_fts) VALUES ('rebuild');`);
      const items = db.prepare('SELECT count(*) FROM messages').pluck().get() as number;
      const seconds = elapsed();
      db.close();
      return { items, seconds };
    }
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

async function main(): Promise<void> {
  try {
    const { items, seconds, checkpointSeconds } = await measure();
    process.stdout.write(
      `${JSON.stringify({ mode, items, seconds, perSecond: Math.round(items / seconds), peakRssMb: peakRssMb(), checkpointSeconds })}\n`,
    );
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  }
}

void main();
