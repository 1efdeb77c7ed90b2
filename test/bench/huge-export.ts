/**
 * Export of a case holding one huge message (issue 13, item 6): memory must stay bounded however long
 * one body is. Two modes, each run in its own process by scripts/bench.mjs (`BENCH_ONLY=huge`):
 *   build <case> <megabytes>   a case with the Android WhatsApp fixture, one of whose messages gets a
 *                              body of <megabytes> MB of words, written straight into the table (past
 *                              any import cap: cases made before the caps can hold such a body)
 *   export <case>              exports it (write, verify, record) on a copy; prints peak RSS and time
 * Prints one JSON line. Run from the repository's root (the fixture is found from there).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeCase, createCase } from '../../main/cases/service';
import { closeCaseFile, openCaseFile } from '../../db/connection';
import { getCaseMeta } from '../../db/queries/case-meta';
import { importSource } from '../../main/import/run';
import { exportBundle, type ExportProgress } from '../../main/export/run';
import { addRedaction } from '../../main/redact/redactions';
import { decide } from '../../main/review/decisions';
import { AddRedactionArgsSchema } from '../../common/contract/channels/redaction';
import { DecideArgsSchema } from '../../common/contract/channels/review';

const [mode, casePath, sizeText] = process.argv.slice(2);
if ((mode !== 'build' && mode !== 'export') || !casePath) throw new Error('usage: huge-export.ts build <case> <megabytes> | export <case>');
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

const WORDS = [
  'the',
  'meeting',
  'guidance',
  'tomorrow',
  'ministers',
  'schools',
  'testing',
  'capacity',
  'data',
  'we',
  'should',
  'announce',
  'before',
  'after',
  'Thursday',
  'cabinet',
  'office',
  'hospital',
  'care',
  'homes',
];

/** `bytes` of words, spaces and an occasional line break, the same every run. */
function words(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  let seed = 1;
  while (size < bytes) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const word = WORDS[seed % WORDS.length] as string;
    const sep = seed % 97 === 0 ? '\n' : ' ';
    parts.push(word, sep);
    size += word.length + 1;
  }
  return parts.join('');
}

async function build(megabytes: number): Promise<void> {
  rmSync(casePath as string, { force: true });
  const session = createCase(
    casePath as string,
    {
      name: 'Huge message',
      inquiry: 'Bench',
      requestReference: '',
      referencePrefix: 'INQ',
      protectiveMarking: 'OFFICIAL',
      defaultTimeZone: 'Europe/London',
    },
    { actor: 'bench', appVersion: 'bench' },
  );
  const db = session.writable!;
  await importSource(
    db,
    { path: join(process.cwd(), 'test/fixtures/whatsapp/android-en-GB-24h.txt'), custodian: 'Bench', timeZone: 'Europe/London' },
    { actor: 'bench' },
  );
  const id = db.prepare('SELECT id FROM messages ORDER BY position LIMIT 1 OFFSET 3').pluck().get() as number;
  const secret = 'Kestrel-7731';
  db.prepare('UPDATE messages SET body = ? WHERE id = ?').run(`Reference ${secret} ${words(megabytes * 1024 * 1024)}`, id);
  // A redaction inside the huge body and one withheld message, so the leak search has work to do.
  addRedaction(
    db,
    AddRedactionArgsSchema.parse({ kind: 'span', messageId: id, start: 10, end: 10 + secret.length, reasonCode: 'personal-third-party' }),
    'bench',
  );
  const other = db.prepare('SELECT id FROM messages ORDER BY position LIMIT 1 OFFSET 5').pluck().get() as number;
  decide(db, DecideArgsSchema.parse({ selector: { kind: 'ids', ids: [other] }, change: { outcome: 'withhold' } }), 'bench');
  closeCase(session);
  process.stdout.write(`${JSON.stringify({ messageId: id, megabytes, peakRssMb: peakRssMb() })}\n`);
}

async function exportCopy(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'dd-bench-huge-'));
  try {
    const path = join(work, 'case.ddcase');
    copyFileSync(casePath as string, path);
    const { writable, db } = openCaseFile(path);
    const meta = getCaseMeta(db);
    if (!writable || !meta) throw new Error(`${path} is not a writable case`);
    const started = performance.now();
    const phases: Partial<Record<ExportProgress['phase'], number>> = {};
    const result = await exportBundle(
      writable,
      meta,
      {
        prefix: 'INQ',
        firstNumber: 1,
        width: 9,
        unit: 'conversation',
        xlsx: true,
        draft: false,
        reissue: null,
        outputDir: join(work, 'bundle'),
        scope: { query: null, custodianIds: null, from: null, to: null, outcomes: ['disclose', 'disclose_redacted'], includePending: true },
      },
      {
        actor: 'bench',
        appVersion: 'bench',
        casePath: path,
        acknowledged: 'as-listed',
        onProgress: (p) => void (phases[p.phase] ??= performance.now()),
      },
    );
    const seconds = (performance.now() - started) / 1000;
    const at = (phase: ExportProgress['phase']): number => ((phases[phase] ?? started) - started) / 1000;
    closeCaseFile(db);
    process.stdout.write(
      `${JSON.stringify({
        pages: result.pages,
        seconds,
        draw: at('writing') - at('drawing'),
        verify: seconds - at('verifying'),
        pdfMb: Math.round((result.files.find((f) => f.role === 'pdf')?.bytes ?? 0) / 1024 / 102.4) / 10,
        leaksChecked: result.verification.checkedStrings,
        peakRssMb: peakRssMb(),
      })}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void (mode === 'build' ? build(Number(sizeText ?? 200)) : exportCopy());
