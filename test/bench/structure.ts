/**
 * Hostile structure (issue 13): how long each parser takes to refuse documents nested 10,000 to
 * 500,000 deep, how long a UFDR report of 500,000 elements takes nested just under the cap beside the
 * same count nested 10 deep, and how long a zip declaring 1,000,001 members takes to refuse beside
 * the cost of listing a real one. Prints one JSON line; scripts/bench.mjs runs it in its own process.
 * Usage: tsx test/bench/structure.ts <scratch folder>
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParseOptions } from '../../common/domain/parsed';
import { CELLEBRITE_NAMESPACE, cellebrite } from '../../main/import/cellebrite';
import type { ImportFormat } from '../../main/import/format';
import { smsBackupRestore } from '../../main/import/sms-backup-restore';
import { MAX_NESTING_DEPTH } from '../../main/import/structure-limits';
import { telegram } from '../../main/import/telegram';
import { openZipFile } from '../../main/import/zip';
import { storedZip, zipDeclaringMembers } from '../helpers/zip';
import { eventsOf, memorySource } from '../main/import/repair/streams';

const [scratchArg] = process.argv.slice(2);
if (!scratchArg) throw new Error('usage: structure.ts <scratch folder>');
const scratch: string = scratchArg;
mkdirSync(scratch, { recursive: true });

const OPTIONS: ParseOptions = { timeZone: 'Europe/London' };

/** Seconds to run `work`, and what stopped it ("read" when nothing did). */
async function timed(work: () => Promise<unknown>): Promise<{ seconds: number; outcome: string }> {
  const started = performance.now();
  let outcome = 'read';
  try {
    await work();
  } catch (error) {
    outcome = (error as Error).message.slice(0, 80);
  }
  return { seconds: (performance.now() - started) / 1000, outcome };
}

async function parse(format: ImportFormat, name: string, text: string): Promise<{ seconds: number; outcome: string }> {
  return timed(async () => {
    for await (const event of eventsOf(format, memorySource(name, text, 64 * 1024), OPTIONS)) {
      if (event.type === 'problem') throw new Error(event.problem.message);
    }
  });
}

const report = (inner: string): string =>
  `<?xml version="1.0" encoding="utf-8"?>\n<project xmlns="${CELLEBRITE_NAMESPACE}">\n${inner}</project>\n`;
const chain = (depth: number): string => '<a>'.repeat(depth) + '</a>'.repeat(depth) + '\n';
const documents: Record<string, { format: ImportFormat; name: string; text: (depth: number) => string }> = {
  cellebrite: { format: cellebrite, name: 'report.xml', text: (depth) => report(chain(depth)) },
  sms: {
    format: smsBackupRestore,
    name: 'sms.xml',
    text: (depth) => `<?xml version="1.0"?>\n<smses count="1"><sms address="1" date="0" type="1" body="x">${chain(depth)}</sms></smses>\n`,
  },
  telegram: {
    format: telegram,
    name: 'result.json',
    text: (depth) =>
      `{"name": "P", "type": "personal_chat", "id": 1, "messages": [{"id": 1, "type": "message", "date": "2024-01-14T09:01:12", "text": ${'['.repeat(depth)}"x"${']'.repeat(depth)}}]}`,
  },
};

async function main(): Promise<void> {
  const refusals: Record<string, Record<string, number>> = {};
  for (const [format, document] of Object.entries(documents)) {
    refusals[format] = {};
    for (const depth of [10_000, 20_000, 40_000, 500_000]) {
      const { seconds, outcome } = await parse(document.format, document.name, document.text(depth));
      if (!outcome.includes('nested more than')) throw new Error(`${format} at depth ${depth} was not refused for its nesting: ${outcome}`);
      refusals[format][depth] = seconds;
    }
  }

  const elements = 500_000;
  const underCap: Record<string, number> = {};
  for (const depth of [10, MAX_NESTING_DEPTH - 1]) {
    const { seconds, outcome } = await parse(cellebrite, 'report.xml', report(chain(depth).repeat(Math.round(elements / depth))));
    if (outcome !== 'read') throw new Error(`the report nested ${depth} deep was not read: ${outcome}`);
    underCap[depth] = seconds;
  }

  const declared = join(scratch, 'declares-1000001.zip');
  writeFileSync(declared, zipDeclaringMembers(1_000_001));
  const zipRefusal = await timed(() => openZipFile(declared));
  const listedMembers = 60_000;
  const listed = join(scratch, `lists-${listedMembers}.zip`);
  writeFileSync(
    listed,
    storedZip(Array.from({ length: listedMembers }, (_, i) => [`files/Image/IMG_${String(i).padStart(6, '0')}.jpg`, ''] as const)),
  );
  const listing = await timed(async () => (await openZipFile(listed)).close());
  rmSync(declared);
  rmSync(listed);

  process.stdout.write(
    `${JSON.stringify({
      refusals,
      underCap: { elements, shallow: underCap[10], deep: underCap[MAX_NESTING_DEPTH - 1] },
      zip: { refuseDeclared1000001: zipRefusal.seconds, refusal: zipRefusal.outcome, listedMembers, listSeconds: listing.seconds },
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    })}\n`,
  );
}

void main();
