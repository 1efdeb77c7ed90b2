// `npm run bench`: generates 1,000,000 WhatsApp messages with the project's copy of the generator and
// measures, each in its own process: our import (parse + store) in messages/s and peak RSS, our parser
// alone, whatsapp-chat-parser alone on the same file, and the search index build over the result.
// Figures are printed, never asserted: tests do not time things.
// The measured code is bundled as the app ships it (esbuild, as scripts/build.mjs does), not run
// through tsx: tsx's on-the-fly transform (names kept on every function, source maps) made the
// export measure ~40% slower than the code users run.
import { spawnSync } from 'node:child_process';
import { build } from 'esbuild';
import { existsSync, mkdirSync, openSync, closeSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const messages = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const dir = join(root, '.bench');
const chat = join(dir, `whatsapp-${messages}-seed1.txt`);
const casePath = join(dir, 'bench.ddcase');
mkdirSync(dir, { recursive: true });
async function ensureChat() {
  if (!existsSync(chat)) {
    process.stdout.write(`Generating ${messages.toLocaleString('en-GB')} messages…\n`);
    const fd = openSync(chat, 'w');
    const gen = spawnSync(process.execPath, [join(root, 'test/bench/gen-whatsapp.mjs'), '--messages', String(messages), '--seed', '1'], {
      stdio: ['ignore', fd, 'inherit'],
    });
    closeSync(fd);
    if (gen.status !== 0) process.exit(1);
  }
  process.stdout.write(`Input: ${chat} (${(statSync(chat).size / 1024 ** 2).toFixed(0)} MB)\n\n`);
}

// The app's bundles first: the export's pdfjs reader threads run dist/main/pdf-text-worker.cjs.
if (spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), '--quiet'], { cwd: root, stdio: 'inherit' }).status !== 0)
  process.exit(1);

/** test/bench/<script> bundled into .bench/build/, beside which dist/main is found as from dist/main itself. */
async function bundled(script) {
  const outfile = join(dir, 'build', script.replace(/\.ts$/u, '.cjs'));
  await build({
    absWorkingDir: root,
    entryPoints: [join(root, 'test/bench', script)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
    external: ['electron', 'better-sqlite3', 'sharp', 'playwright-core', 'pdfjs-dist'],
  });
  return outfile;
}
const scripts = new Map();
for (const script of [
  'run-one.ts',
  'search.ts',
  'review.ts',
  'export.ts',
  'huge-fields.ts',
  'huge-export.ts',
  'structure.ts',
  'media.ts',
  'small-import.ts',
])
  scripts.set(script, await bundled(script));

/** Runs one measurement script in its own process (so its peak RSS is its own); its last line is JSON. */
function measure(script, ...args) {
  const result = spawnSync(process.execPath, [scripts.get(script), ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, NODE_OPTIONS: process.env.NODE_OPTIONS ?? '--max-old-space-size=4096' },
  });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    throw new Error(`${script} ${args[0]} failed`);
  }
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

// BENCH_ONLY=import,search,review,export,structure runs only those sections (search, review and export
// need the case the import section leaves in .bench; structure needs no chat at all). Sections in OPT_IN
// (long, and gigabytes of disk) run only when named.
const only = process.env.BENCH_ONLY?.split(',');
const OPT_IN = ['huge-fields', 'huge-export', 'media', 'media-bundle'];
const wants = (section) => (only ? only.includes(section) : !OPT_IN.includes(section));

if (wants('import') || wants('search') || wants('review') || wants('export')) await ensureChat();

// A 1M-message SMS Backup & Restore XML (test/bench/gen-sms-backup-restore.mjs), imported through the
// same pipeline and parse thread as the chat, into a case of its own.
const sms = join(dir, `sms-backup-restore-${messages}-seed1.xml`);
function ensureSms() {
  if (existsSync(sms)) return;
  process.stdout.write(`Generating ${messages.toLocaleString('en-GB')} SMS Backup & Restore records…\n`);
  const fd = openSync(sms, 'w');
  const gen = spawnSync(
    process.execPath,
    [join(root, 'test/bench/gen-sms-backup-restore.mjs'), '--messages', String(messages), '--seed', '1'],
    { stdio: ['ignore', fd, 'inherit'] },
  );
  closeSync(fd);
  if (gen.status !== 0) process.exit(1);
}

if (wants('import')) {
  const run = (mode) => measure('run-one.ts', mode, chat, casePath);

  for (const suffix of ['', '-wal', '-shm']) rmSync(casePath + suffix, { force: true });
  const ours = run('ours-import');
  const fts = run('fts');
  const parse = run('ours-parse');
  const reference = run('reference-parse');
  ensureSms();
  const smsCase = join(dir, 'bench-sms.ddcase');
  for (const suffix of ['', '-wal', '-shm']) rmSync(smsCase + suffix, { force: true });
  const smsImport = measure('run-one.ts', 'ours-import', sms, smsCase);

  const row = (label, r, unit = 'messages/s') =>
    `${label.padEnd(44)} ${r.perSecond.toLocaleString('en-GB').padStart(10)} ${unit.padEnd(11)} ${r.seconds.toFixed(2).padStart(7)} s   peak RSS ${String(r.peakRssMb).padStart(5)} MB`;
  process.stdout.write(
    [
      row('Disclosure Desk import (parse + store)', ours),
      row('Disclosure Desk parser alone', parse),
      row('SMS Backup & Restore XML import', smsImport),
      row('whatsapp-chat-parser alone (in memory)', reference),
      row('Search index build (FTS5 rebuild)', fts, 'rows/s'),
      `${'  after the import, its WAL checkpoint'.padEnd(44)} ${''.padStart(22)} ${ours.checkpointSeconds.toFixed(2).padStart(7)} s   (left out of the import's commit; the index update pays it)`,
      '',
      `Import vs whatsapp-chat-parser parse-only: ${(ours.perSecond / reference.perSecond).toFixed(2)}x the throughput at ${(ours.peakRssMb / reference.peakRssMb).toFixed(2)}x the memory`,
      `Target (issue 14): SMS Backup & Restore XML import >= 150,000 messages/s — measured ${smsImport.perSecond.toLocaleString('en-GB')}/s (${(statSync(sms).size / 1024 ** 2).toFixed(0)} MB), peak RSS ${smsImport.peakRssMb} MB`,
      `Targets (issue 3): import >= 250,000 messages/s, peak RSS <= 400 MB, search index within 10 s more — measured ${ours.perSecond.toLocaleString('en-GB')}/s, ${ours.peakRssMb} MB, ${(ours.checkpointSeconds + fts.seconds).toFixed(1)} s (checkpoint + index build)`,
    ].join('\n') + '\n',
  );
}

// ---------------------------------------------------------------- search (issue 4)
// Over the case the import above created: the index build (a full rebuild), the fixed query set
// (test/bench/search.ts) through our search beside FTS5 alone and minisearch alone, and case open
// to first screen. Each in its own process, so each peak RSS is its own.
if (wants('search')) {
  const runSearch = (mode) => measure('search.ts', mode, casePath);

  const build = runSearch('index-build');
  const filterIndex = runSearch('filter-index');
  const open = runSearch('case-open');
  const queries = runSearch('queries');
  const ftsAlone = runSearch('fts5-alone');
  const mini = runSearch('minisearch-alone');
  const ms = (r) =>
    r ? `p50 ${r.p50.toFixed(1).padStart(7)} ms  p95 ${r.p95.toFixed(1).padStart(7)} ms` : '        (not supported)        ';
  process.stdout.write(
    [
      '',
      `Search (${messages.toLocaleString('en-GB')} messages)`,
      `  index build (FTS5, body + sender + title)   ${build.seconds.toFixed(2).padStart(7)} s   peak RSS ${build.peakRssMb} MB`,
      `  minisearch alone: build                      ${mini.buildSeconds.toFixed(2).padStart(7)} s   heap ${mini.heapMb} MB, peak RSS ${mini.peakRssMb} MB; saved index loads in ${mini.loadSeconds.toFixed(2)} s`,
      `  vocabulary for fuzzy (first fuzzy query)     ${queries.vocabularySeconds.toFixed(2).padStart(7)} s`,
      `  filter index (migration 0020) build          ${filterIndex.buildSeconds.toFixed(2).padStart(7)} s   ${filterIndex.filterIndexMb.toFixed(1)} MB, beside FTS5 ${filterIndex.ftsMb.toFixed(1)} MB in a case of ${filterIndex.caseMb.toFixed(0)} MB`,
      '',
      `  ${''.padEnd(16)}${'Disclosure Desk (count + page + snippets)'.padEnd(42)}${'FTS5 alone (top 50 ids)'.padEnd(36)}minisearch alone (top 50)`,
      ...[
        ['exact', 'exact'],
        ['prefix*', 'prefix'],
        ['fuzzy+prefix', 'fuzzyPrefix'],
      ].map(([label, key]) => `  ${label.padEnd(16)}${ms(queries[key]).padEnd(42)}${ms(ftsAlone[key]).padEnd(36)}${ms(mini[key])}`),
      `  ${'fuzzy+prefix, filtered, chronological'.padEnd(16)} ${ms(queries.filtered)}`,
      '',
      `  case open to first screen (open + migrate + summary + conversations + first timeline window): ${open.seconds.toFixed(2)} s, peak RSS ${open.peakRssMb} MB`,
      `  search peak RSS ${queries.peakRssMb} MB`,
      `Targets (issue 4): fuzzy+prefix p95 <= 50 ms, case open <= 2 s — measured ${queries.fuzzyPrefix.p95.toFixed(1)} ms, ${open.seconds.toFixed(2)} s`,
      `Targets (issue 18): prefix p95 <= 50 ms, filtered chronological fuzzy+prefix p95 <= 100 ms — measured ${queries.prefix.p95.toFixed(1)} ms, ${queries.filtered.p95.toFixed(1)} ms`,
    ].join('\n') + '\n',
  );
}

// ---------------------------------------------------------------- small imports (issue 18)
// Eight exports of 300 messages each (test/bench/gen-whatsapp.mjs), imported one after another
// through the handlers and the import job's worker thread, as the Sources screen imports them:
// from import.start to the job's finished event, the moment the screen shows the messages.
if (wants('small-import')) {
  const smallDir = join(dir, 'small');
  mkdirSync(smallDir, { recursive: true });
  for (let seed = 1; seed <= 8; seed++) {
    const file = join(smallDir, `WhatsApp Chat with Custodian ${seed}.txt`);
    if (existsSync(file)) continue;
    const fd = openSync(file, 'w');
    spawnSync(process.execPath, [join(root, 'test/bench/gen-whatsapp.mjs'), '--messages', '300', '--seed', String(seed)], {
      stdio: ['ignore', fd, 'inherit'],
    });
    closeSync(fd);
  }
  const smallCase = join(dir, 'small-imports.ddcase');
  for (const suffix of ['', '-wal', '-shm']) rmSync(smallCase + suffix, { force: true });
  const small = measure('small-import.ts', smallDir, smallCase);
  process.stdout.write(
    [
      '',
      `Small imports through the app's job path (${small.imports} exports, ${small.messages.toLocaleString('en-GB')} messages)`,
      `  Import to messages on screen: first ${small.first.toFixed(2)} s, median ${small.median.toFixed(2)} s, slowest ${small.max.toFixed(2)} s   peak RSS ${small.peakRssMb} MB`,
      `Target (issue 18): a small export's messages on screen within 1 s of Import — measured ${small.max.toFixed(2)} s at worst`,
    ].join('\n') + '\n',
  );
}

// ---------------------------------------------------------------- review (issue 4)
// Bulk review over the same case (a copy of it, so search above saw no decisions): the whole
// conversation classified as one batch, progress counted, the batch undone and redone.
if (wants('review')) {
  const review = measure('review.ts', casePath);
  process.stdout.write(
    [
      '',
      `Bulk review (${review.messages.toLocaleString('en-GB')} messages, one batch)`,
      `  classify ${review.classify.toFixed(2)} s   progress ${review.progress.toFixed(2)} s   undo ${review.undo.toFixed(2)} s   redo ${review.redo.toFixed(2)} s   peak RSS ${review.peakRssMb} MB`,
    ].join('\n') + '\n',
  );
}

// ---------------------------------------------------------------- export (issue 5)
// A bundle of about 10,000 pages from the biggest conversation of the same case (its first
// BENCH_EXPORT_MESSAGES messages, pending included: the case has no decisions), written, verified
// (pdfjs re-read and leak search) and recorded on a copy of the case; beside it, the same messages
// as HTML printed to PDF by headless Chromium. Each in its own process.
if (wants('export')) {
  const exportMessages = Number(process.env.BENCH_EXPORT_MESSAGES ?? 190_000);
  const runExport = (mode) => measure('export.ts', mode, casePath, String(Math.min(exportMessages, messages - 1)));
  const bundle = runExport('ours');
  const printed = runExport('chromium');
  const perSecond = (pages, seconds) => Math.round(pages / seconds).toLocaleString('en-GB');
  process.stdout.write(
    [
      '',
      `Bundle export (${bundle.messages.toLocaleString('en-GB')} messages of one conversation)`,
      `  Disclosure Desk: ${bundle.pages.toLocaleString('en-GB')} pages in ${bundle.seconds.toFixed(1)} s = ${perSecond(bundle.pages, bundle.seconds)} pages/s end to end, peak RSS ${bundle.peakRssMb} MB, PDF ${bundle.pdfMb} MB`,
      `    layout + draw ${bundle.layoutAndDraw.toFixed(1)} s (${perSecond(bundle.pages, bundle.layoutAndDraw)} pages/s), write ${bundle.write.toFixed(1)} s, verify (pdfjs re-read + leak search) ${bundle.verify.toFixed(1)} s (${perSecond(bundle.pages, bundle.verify)} pages/s)`,
      `  Chromium page.pdf() of the same messages as HTML: ${printed.pages.toLocaleString('en-GB')} pages in ${printed.seconds.toFixed(1)} s = ${perSecond(printed.pages, printed.seconds)} pages/s, peak RSS ${printed.peakRssMb} MB (node side), PDF ${printed.pdfMb} MB`,
      `Targets (issue 5): >= 200 pages/s — measured ${perSecond(bundle.pages, bundle.seconds)} pages/s end to end, ${perSecond(bundle.pages, bundle.layoutAndDraw + bundle.write)} pages/s written before verification`,
    ].join('\n') + '\n',
  );
}

// ---------------------------------------------------------------- huge fields (issue 13), opt-in
// BENCH_ONLY=huge-fields: an export holding one huge field, generated (in .bench/huge, several GB of
// disk; kept for the next run) and imported, each import in its own process; its peak RSS is printed
// beside the target. BENCH_HUGE_KINDS=whatsapp-sender,... picks cases; BENCH_HUGE_MB=100 shrinks them all.
if (wants('huge-fields')) {
  const hugeDir = join(dir, 'huge');
  mkdirSync(hugeDir, { recursive: true });
  const cases = [
    { kind: 'whatsapp-sender', label: 'WhatsApp chat, one sender name of', megabytes: 200, file: 'WhatsApp Chat with Tom Reid.txt' },
    { kind: 'imessage-row', label: 'iMessage chat.db, one message text of', megabytes: 500, file: 'chat.db' },
    { kind: 'rsmf-manifest', label: 'RSMF manifest, one body of', megabytes: 700, file: 'rsmf_manifest.json' },
    { kind: 'sms-body', label: 'SMS Backup & Restore, one body of', megabytes: 200, file: 'sms-backup.xml' },
    { kind: 'telegram-text', label: 'Telegram JSON, one text of', megabytes: 200, file: 'result.json' },
  ].filter((c) => !process.env.BENCH_HUGE_KINDS || process.env.BENCH_HUGE_KINDS.split(',').includes(c.kind));
  process.stdout.write('\nHuge fields (import; caps in common/domain/field-caps.ts)\n');
  for (const c of cases) {
    const megabytes = Number(process.env.BENCH_HUGE_MB ?? c.megabytes);
    const caseDir = join(hugeDir, `${c.kind}-${megabytes}`);
    mkdirSync(caseDir, { recursive: true });
    const input = join(caseDir, c.file);
    if (!existsSync(input)) measure('huge-fields.ts', 'generate', c.kind, input, String(megabytes));
    const r = measure('huge-fields.ts', 'import', input, join(hugeDir, `${c.kind}.ddcase`));
    const line =
      `  ${`${c.label} ${megabytes} MB`.padEnd(46)} input ${(statSync(input).size / 1024 ** 2).toFixed(0).padStart(5)} MB  ` +
      `import ${r.seconds.toFixed(1).padStart(6)} s  peak RSS ${String(r.peakRssMb).padStart(5)} MB  ` +
      `(longest body stored ${(r.longestBodyBytes / 1024 ** 2).toFixed(1)} MB, longest label ${r.longestLabelBytes} bytes, ${r.truncationNotes} truncation notes)`;
    process.stdout.write(`${line}\n`);
  }
  process.stdout.write(`Target (issue 13): peak RSS < 1,024 MB for each\n`);
}

// ---------------------------------------------------------------- attachment bytes (issue 16), opt-in
// BENCH_ONLY=media: a WhatsApp zip of BENCH_MEDIA_MESSAGES (100k) messages and BENCH_MEDIA_PHOTOS (1,000)
// JPEGs of 1-4 MB (test/bench/gen-whatsapp-media.mjs, about 2 GB in .bench/media, kept for the next
// run), imported keeping every photo in the case, beside the same chat without the photos, and beside
// the floor a sidecar file would have (the photos read, hashed and appended to one synced file).
if (wants('media')) {
  const mediaDir = join(dir, 'media');
  mkdirSync(mediaDir, { recursive: true });
  const mediaMessages = Number(process.env.BENCH_MEDIA_MESSAGES ?? 100_000);
  const photos = Number(process.env.BENCH_MEDIA_PHOTOS ?? 1_000);
  const withPhotos = join(mediaDir, `whatsapp-${mediaMessages}-${photos}-photos.zip`);
  const textOnly = join(mediaDir, `whatsapp-${mediaMessages}-${photos}-text-only.zip`);
  if (!existsSync(withPhotos) || !existsSync(textOnly)) {
    const args = ['--messages', String(mediaMessages), '--photos', String(photos), '--out', withPhotos, '--text-only', textOnly];
    const gen = spawnSync(process.execPath, [join(root, 'test/bench/gen-whatsapp-media.mjs'), ...args], { stdio: 'inherit' });
    if (gen.status !== 0) process.exit(1);
  }
  const importInto = (input, name) => {
    const path = join(mediaDir, name);
    for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
    const r = measure('run-one.ts', 'ours-import', input, path);
    return { ...r, caseMb: statSync(path).size / 1024 ** 2 };
  };
  const text = importInto(textOnly, 'text-only.ddcase');
  const media = importInto(withPhotos, 'photos.ddcase');
  const floor = measure('media.ts', 'sidecar-floor', withPhotos, join(mediaDir, 'sidecar.bin'));
  const thumbs = measure('media.ts', 'first-screen-thumbnails', join(mediaDir, 'photos.ddcase'));
  const mb = (n) => `${n.toFixed(0).padStart(6)} MB`;
  const line = (label, r) =>
    `  ${label.padEnd(40)} ${r.seconds.toFixed(1).padStart(6)} s + checkpoint ${r.checkpointSeconds.toFixed(1).padStart(5)} s   peak RSS ${String(r.peakRssMb).padStart(5)} MB   case ${mb(r.caseMb)}`;
  process.stdout.write(
    [
      '',
      `Attachment bytes: ${mediaMessages.toLocaleString('en-GB')} messages, ${photos.toLocaleString('en-GB')} photos (${mb(statSync(withPhotos).size / 1024 ** 2)} zip)`,
      line('import, text only (photos absent)', text),
      line('import, photos kept in the case', media),
      `  ${'sidecar floor (read, hash, append, sync)'.padEnd(40)} ${floor.seconds.toFixed(1).padStart(6)} s${''.padEnd(22)}peak RSS ${String(floor.peakRssMb).padStart(5)} MB   ${mb(floor.bytes / 1024 ** 2)} written`,
      `  thumbnails for the first screen (${thumbs.items} attachments of the first conversation, cold cache): ${thumbs.seconds.toFixed(2)} s to all ready ` +
        `(${thumbs.ready} ready${thumbs.reasons.length ? `; unavailable: ${thumbs.reasons.join('; ')}` : ''}); from the cache ${thumbs.warmSeconds.toFixed(3)} s; ` +
        `${(thumbs.bytesPerThumbnail / 1024).toFixed(1)} KB a thumbnail; peak RSS ${thumbs.peakRssMb} MB`,
      `Target (issue 16): thumbnails for the first screen ready in <= 1 s — measured ${thumbs.seconds.toFixed(2)} s`,
    ].join('\n') + '\n',
  );
}

// ---------------------------------------------------------------- a bundle with images (issue 16), opt-in
// BENCH_ONLY=media-bundle: a WhatsApp zip of BENCH_BUNDLE_MESSAGES (10,000) messages with a photo every
// 50 (camera-sized noise JPEGs of 1-4 MB, each its own content, so no rendition is shared), imported,
// then exported end to end (every photo produced, embedded and verified). Target: >= 100 pages/s, peak
// RSS <= 1,024 MB.
if (wants('media-bundle')) {
  const bundleDir = join(dir, 'media-bundle');
  mkdirSync(bundleDir, { recursive: true });
  const bundleMessages = Number(process.env.BENCH_BUNDLE_MESSAGES ?? 10_000);
  const photos = Math.floor(bundleMessages / 50);
  const zip = join(bundleDir, `whatsapp-${bundleMessages}-${photos}-photos.zip`);
  if (!existsSync(zip)) {
    const args = ['--messages', String(bundleMessages), '--photos', String(photos), '--out', zip];
    const gen = spawnSync(process.execPath, [join(root, 'test/bench/gen-whatsapp-media.mjs'), ...args], { stdio: 'inherit' });
    if (gen.status !== 0) process.exit(1);
  }
  const bundleCase = join(bundleDir, 'photos.ddcase');
  for (const suffix of ['', '-wal', '-shm']) rmSync(bundleCase + suffix, { force: true });
  measure('run-one.ts', 'ours-import', zip, bundleCase);
  const r = measure('export.ts', 'ours', bundleCase, String(bundleMessages));
  process.stdout.write(
    [
      '',
      `Bundle with images: ${r.messages.toLocaleString('en-GB')} messages, ${photos.toLocaleString('en-GB')} photos (1 per 50 messages)`,
      `  ${r.pages.toLocaleString('en-GB')} pages in ${r.seconds.toFixed(1)} s = ${Math.round(r.pages / r.seconds)} pages/s end to end ` +
        `(plan ${r.plan.toFixed(1)} s, produce + lay out + draw ${r.layoutAndDraw.toFixed(1)} s, write ${r.write.toFixed(1)} s, verify ${r.verify.toFixed(1)} s)`,
      `  PDF ${r.pdfMb} MB, peak RSS ${r.peakRssMb} MB`,
      'Target (issue 16): >= 100 pages/s, peak RSS <= 1,024 MB',
    ].join('\n') + '\n',
  );
}

// ---------------------------------------------------------------- hostile structure (issue 13)
// Deep documents are refused at the nesting cap, whatever their depth past it; a report nested just
// under the cap reads as fast as a shallow one of the same size; a zip declaring more members than
// the cap is refused from its end record, before any member is listed.
if (wants('structure')) {
  const result = measure('structure.ts', join(dir, 'structure'));
  const seconds = (s) => `${s.toFixed(3)} s`;
  const depths = Object.keys(result.refusals.cellebrite);
  process.stdout.write(
    [
      '',
      'Hostile structure',
      `  refused at the nesting cap, by depth:   ${depths.map((d) => Number(d).toLocaleString('en-GB').padStart(12)).join('')}`,
      ...Object.entries(result.refusals).map(
        ([format, byDepth]) => `    ${format.padEnd(36)}${depths.map((d) => seconds(byDepth[d]).padStart(12)).join('')}`,
      ),
      `  UFDR report of ${result.underCap.elements.toLocaleString('en-GB')} elements: nested 10 deep ${seconds(result.underCap.shallow)}, nested 999 deep ${seconds(result.underCap.deep)}`,
      `  zip declaring 1,000,001 members refused in ${seconds(result.zip.refuseDeclared1000001)}; listing a real zip of ${result.zip.listedMembers.toLocaleString('en-GB')} members takes ${seconds(result.zip.listSeconds)} (${((result.zip.listSeconds / result.zip.listedMembers) * 1e6).toFixed(0)} µs a member)`,
      `  peak RSS ${result.peakRssMb} MB`,
    ].join('\n') + '\n',
  );
}

// ---------------------------------------------------------------- one huge message (issue 13, item 6)
// A case whose one message is BENCH_HUGE_MB (default 200) MB long, written straight into the table
// (as a case made before the import caps can hold it), exported in its own process: peak RSS must stay
// under 1 GB. Opt-in: `BENCH_ONLY=huge-export npm run bench`.
if (wants('huge-export')) {
  const megabytes = Number(process.env.BENCH_HUGE_MB ?? 200);
  const hugeCase = join(dir, `huge-${megabytes}mb.ddcase`);
  if (!existsSync(hugeCase)) measure('huge-export.ts', 'build', hugeCase, String(megabytes));
  const huge = measure('huge-export.ts', 'export', hugeCase);
  process.stdout.write(
    [
      '',
      `Export of one ${megabytes} MB message: ${huge.pages.toLocaleString('en-GB')} pages in ${huge.seconds.toFixed(1)} s (draw ${huge.draw.toFixed(1)} s, verify ${huge.verify.toFixed(1)} s), PDF ${huge.pdfMb} MB, peak RSS ${huge.peakRssMb} MB`,
      `Target (issue 13): peak RSS < 1,024 MB — measured ${huge.peakRssMb} MB`,
    ].join('\n') + '\n',
  );
}
