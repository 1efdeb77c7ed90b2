/**
 * Bundle export at scale, on a copy of the benchmark case the import step made (one conversation of
 * every generated message; no decisions, so pending messages are included). Two modes, each run in
 * its own process by scripts/bench.mjs so each peak RSS is its own:
 *   ours <case> <messages>      export the first <messages> messages: write, verify, record
 *   chromium <case> <messages>  the same messages as HTML, printed to PDF by headless Chromium
 * Prints one JSON line.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { chromium } from 'playwright-core';
import { closeCaseFile, openCaseFile } from '../../db/connection';
import { getCaseMeta } from '../../db/queries/case-meta';
import { exportBundle, type ExportProgress } from '../../main/export/run';
import { localStamp } from '../../main/export/times';

const [mode, source, countText] = process.argv.slice(2);
if ((mode !== 'ours' && mode !== 'chromium') || !source || !countText) throw new Error('usage: export.ts ours|chromium <case> <messages>');
const messages = Number(countText);
const work = mkdtempSync(join(tmpdir(), 'dd-bench-export-'));
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** The sent time of the message after the first `messages` of the biggest conversation: the scope's end. */
function scopeEnd(path: string): { conversationId: number; to: number } {
  // Writable: a case from an older build is migrated on open, which a read-only open refuses to do.
  const { db } = openCaseFile(path);
  try {
    const conversationId = db.prepare('SELECT id FROM conversations ORDER BY message_count DESC LIMIT 1').pluck().get() as number;
    const to = db
      .prepare('SELECT sent_at FROM messages WHERE conversation_id = ? AND position = ?')
      .pluck()
      .get(conversationId, messages) as number;
    return { conversationId, to };
  } finally {
    closeCaseFile(db);
  }
}

async function ours(): Promise<void> {
  // A copy: the export records the bundle in the case, which the other benchmarks share.
  const path = join(work, 'case.ddcase');
  copyFileSync(source as string, path);
  const { to } = scopeEnd(path);
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
      xlsx: false,
      draft: false,
      reissue: null,
      outputDir: join(work, 'bundle'),
      scope: { query: null, custodianIds: null, from: null, to, outcomes: ['disclose', 'disclose_redacted'], includePending: true },
    },
    { actor: 'bench', appVersion: 'bench', casePath: path, onProgress: (p) => void (phases[p.phase] ??= performance.now()) },
  );
  const seconds = (performance.now() - started) / 1000;
  const at = (phase: ExportProgress['phase']): number => ((phases[phase] ?? started) - started) / 1000;
  closeCaseFile(db);
  const pdfBytes = result.files.find((f) => f.role === 'pdf')?.bytes ?? 0;
  process.stdout.write(
    `${JSON.stringify({
      messages: result.produced,
      pages: result.pages,
      seconds,
      plan: at('drawing'),
      // Drawing lays out and draws the bodies, numbering draws the frames; writing follows.
      layoutAndDraw: at('writing') - at('drawing'),
      write: at('verifying') - at('writing'),
      verify: seconds - at('verifying'),
      pdfMb: Math.round(pdfBytes / 1024 / 102.4) / 10,
      peakRssMb: peakRssMb(),
    })}\n`,
  );
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function viaChromium(): Promise<void> {
  const { conversationId, to } = scopeEnd(source as string);
  const { db } = openCaseFile(source as string, { readOnly: true });
  const rows = db
    .prepare(
      `SELECT m.sent_at AS sentAt, p.label AS sender, m.body FROM messages m LEFT JOIN participants p ON p.id = m.sender_participant_id
       WHERE m.conversation_id = ? AND m.sent_at < ? ORDER BY m.position`,
    )
    .all(conversationId, to) as { sentAt: number | null; sender: string | null; body: string }[];
  closeCaseFile(db);
  const started = performance.now();
  const html = [
    '<!doctype html><meta charset="utf-8"><style>body{font:9pt "DejaVu Sans",sans-serif}',
    '.h{color:#595959;font-size:8pt;margin-top:3pt}.h b{color:#000;font-size:8.5pt}.t{margin-left:12pt;white-space:pre-wrap;overflow-wrap:anywhere}</style>',
    ...rows.map(
      (r) =>
        `<div class="h">${r.sentAt === null ? 'undated' : localStamp(r.sentAt, 'Europe/London')} <b>${escape(r.sender ?? '')}</b></div><div class="t">${escape(r.body)}</div>`,
    ),
  ].join('');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { timeout: 0 });
    const path = join(work, 'chromium.pdf');
    await page.pdf({
      path,
      format: 'A4',
      displayHeaderFooter: true,
      headerTemplate:
        '<div style="font-size:8px;width:100%;margin:0 50pt">UK Covid-19 Inquiry — bench <span style="float:right">OFFICIAL-SENSITIVE</span></div>',
      footerTemplate:
        '<div style="font-size:9px;width:100%;margin:0 50pt">INQ000000001 <span style="float:right">Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>',
      margin: { top: '20.5mm', bottom: '21.9mm', left: '17.6mm', right: '17.6mm' },
    });
    const seconds = (performance.now() - started) / 1000;
    const pages = (await PDFDocument.load(readFileSync(path), { updateMetadata: false })).getPageCount();
    process.stdout.write(
      `${JSON.stringify({ messages: rows.length, pages, seconds, pdfMb: Math.round(statSync(path).size / 1024 / 102.4) / 10, peakRssMb: peakRssMb() })}\n`,
    );
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  try {
    await (mode === 'ours' ? ours() : viaChromium());
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main();
