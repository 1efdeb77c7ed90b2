// `npm run bench`: generates 1,000,000 WhatsApp messages with the project's copy of the generator and
// measures, each in its own process: our import (parse + store) in messages/s and peak RSS, our parser
// alone, whatsapp-chat-parser alone on the same file, and the search index build over the result.
// Figures are printed, never asserted: tests do not time things.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const messages = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const dir = join(root, '.bench');
const chat = join(dir, `whatsapp-${messages}-seed1.txt`);
const casePath = join(dir, 'bench.ddcase');
mkdirSync(dir, { recursive: true });

if (!existsSync(chat)) {
  process.stdout.write(`Generating ${messages.toLocaleString('en-GB')} messages…\n`);
  const fd = openSync(chat, 'w');
  const gen = spawnSync(process.execPath, [join(root, 'test/bench/gen-whatsapp.mjs'), '--messages', String(messages), '--seed', '1'], { stdio: ['ignore', fd, 'inherit'] });
  closeSync(fd);
  if (gen.status !== 0) process.exit(1);
}
process.stdout.write(`Input: ${chat} (${(statSync(chat).size / 1024 ** 2).toFixed(0)} MB)\n\n`);

function run(mode) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test/bench/run-one.ts'), mode, chat, casePath], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=4096' },
  });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    throw new Error(`${mode} failed`);
  }
  return JSON.parse(result.stdout.trim().split('\n').pop());
}

for (const suffix of ['', '-wal', '-shm']) rmSync(casePath + suffix, { force: true });
const ours = run('ours-import');
const fts = run('fts');
const parse = run('ours-parse');
const reference = run('reference-parse');

const row = (label, r, unit = 'messages/s') =>
  `${label.padEnd(44)} ${r.perSecond.toLocaleString('en-GB').padStart(10)} ${unit.padEnd(11)} ${r.seconds.toFixed(2).padStart(7)} s   peak RSS ${String(r.peakRssMb).padStart(5)} MB`;
process.stdout.write(
  [
    row('Disclosure Desk import (parse + store)', ours),
    row('Disclosure Desk parser alone', parse),
    row('whatsapp-chat-parser alone (in memory)', reference),
    row('Search index build (FTS5 rebuild)', fts, 'rows/s'),
    '',
    `Import vs whatsapp-chat-parser parse-only: ${(ours.perSecond / reference.perSecond).toFixed(2)}x the throughput at ${(ours.peakRssMb / reference.peakRssMb).toFixed(2)}x the memory`,
    `Targets (issue 3): import >= 250,000 messages/s, peak RSS <= 400 MB, search index within 10 s more — measured ${ours.perSecond.toLocaleString('en-GB')}/s, ${ours.peakRssMb} MB, ${fts.seconds.toFixed(1)} s`,
  ].join('\n') + '\n',
);
