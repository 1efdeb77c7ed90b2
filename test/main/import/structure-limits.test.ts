/**
 * Hostile structure: documents nested far deeper than any export, and archives listing more members than
 * any export holds, are refused at once, naming where; documents nested as deeply as allowed are read in
 * time that follows their size, not their depth times their size.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import type { ParseEvent, ParseOptions } from '../../../common/domain/parsed';
import { CELLEBRITE_NAMESPACE, cellebrite } from '../../../main/import/cellebrite';
import { ImportInputError } from '../../../main/import/errors';
import { importSource } from '../../../main/import/run';
import { smsBackupRestore } from '../../../main/import/sms-backup-restore';
import { MAX_NESTING_DEPTH } from '../../../main/import/structure-limits';
import { telegram } from '../../../main/import/telegram';
import { DEFAULT_ZIP_LIMITS, openZipFile } from '../../../main/import/zip';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';
import { storedZip, zipDeclaringMembers } from '../../helpers/zip';
import { collect, memorySource, eventsOf } from './repair/streams';

const LONDON: ParseOptions = { timeZone: 'Europe/London' };
const CHUNK = 64 * 1024;

async function drain(parse: AsyncGenerator<ParseEvent>): Promise<void> {
  for await (const _ of parse);
}

/** Runs `work`, returning how long it took in seconds and what it threw. */
async function timed(work: () => Promise<unknown>): Promise<{ seconds: number; error: unknown }> {
  const started = performance.now();
  let error: unknown = null;
  try {
    await work();
  } catch (caught) {
    error = caught;
  }
  return { seconds: (performance.now() - started) / 1000, error };
}

/** A UFDR report whose root holds `inner`, the root start tag alone on line 2. */
const report = (inner: string): string =>
  `<?xml version="1.0" encoding="utf-8"?>\n<project xmlns="${CELLEBRITE_NAMESPACE}" reportVersion="7.62">\n${inner}</project>\n`;

/** `depth` nested elements, one start tag a line, then their end tags. */
const nested = (depth: number, open = '<a>', close = '</a>'): string => `${open}\n`.repeat(depth) + close.repeat(depth) + '\n';

describe('documents nested deeper than any export', () => {
  it('refuses a UFDR report at the first element past the cap, naming the report and its line', async () => {
    // The root is depth 1, so the first element past the cap is the cap-th <a>: line 2 + cap.
    const files = memorySource('report.xml', report(nested(MAX_NESTING_DEPTH + 5)), CHUNK);
    const { seconds, error } = await timed(() => drain(eventsOf(cellebrite, files, LONDON)));
    expect(error).toBeInstanceOf(ImportInputError);
    expect((error as ImportInputError).locator).toEqual({ file: 'report.xml', lineStart: 2 + MAX_NESTING_DEPTH });
    expect((error as Error).message).toMatch(
      /^report\.xml \(line 1002\): elements are nested more than 1,000 deep here;.*refused.*nothing was imported.*fresh export/,
    );
    expect(seconds).toBeLessThan(1);
  });

  it('refuses a 500,000-deep report (such a report ran for minutes), within a second', async () => {
    const files = memorySource('report.xml', report(nested(500_000, '<model type="Chat">', '</model>')), CHUNK);
    const { seconds, error } = await timed(() => drain(eventsOf(cellebrite, files, LONDON)));
    expect((error as ImportInputError).locator).toEqual({ file: 'report.xml', lineStart: 2 + MAX_NESTING_DEPTH });
    expect(seconds).toBeLessThan(1);
  });

  it('refuses Telegram JSON nested past the cap in a message text, naming the file and line', async () => {
    // Root object, messages array and message object are depths 1-3; the (cap - 2)th "[", on line cap - 1, is the first too deep.
    const head =
      '{"name": "P", "type": "personal_chat", "id": 9, "messages": [{"id": 5, "type": "message", "date": "2024-01-14T09:01:12", "from": "Priya", "from_id": "user1", "text":\n';
    const depth = MAX_NESTING_DEPTH + 5;
    const files = memorySource('result.json', head + '[\n'.repeat(depth) + '"x"' + ']'.repeat(depth) + '}]}\n', CHUNK);
    const started = performance.now();
    const { problems, messages } = await collect(telegram, files, LONDON);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(messages).toEqual([]);
    expect(problems).toEqual([
      {
        message: expect.stringMatching(
          /^arrays and objects are nested more than 1,000 deep here;.*refused.*nothing was imported/,
        ) as string,
        locator: { file: 'result.json', lineStart: MAX_NESTING_DEPTH - 1 },
      },
    ]);
  });

  it('refuses an SMS Backup & Restore file nested past the cap, naming the file and line', async () => {
    const head =
      '<?xml version="1.0" encoding="UTF-8"?>\n<smses count="1">\n<sms address="+447700900101" date="1705222872000" type="1" body="hi">\n';
    const files = memorySource('sms.xml', head + nested(MAX_NESTING_DEPTH + 5) + '</sms></smses>\n', CHUNK);
    const { problems, messages } = await collect(smsBackupRestore, files, LONDON);
    expect(messages).toEqual([]);
    // <smses> and <sms> are depths 1 and 2, on lines 2 and 3; the (cap - 1)th <a>, on line cap + 2, is the first too deep.
    expect(problems).toEqual([
      {
        message: expect.stringMatching(/^elements are nested more than 1,000 deep here;.*refused/) as string,
        locator: { file: 'sms.xml', lineStart: MAX_NESTING_DEPTH + 2 },
      },
    ]);
  });
});

describe('importing a document nested past the cap', () => {
  const tempDir = useTempDir();

  it.each([
    [
      'report.xml',
      report(nested(MAX_NESTING_DEPTH + 5)),
      /report\.xml \(line 1002\): elements are nested more than 1,000 deep here;.*ask whoever supplied it for a fresh export/,
    ],
    [
      'result.json',
      '{"name": "P", "type": "personal_chat", "id": 9, "messages":\n' + '[\n'.repeat(MAX_NESTING_DEPTH + 5),
      /result\.json could not be imported.*Nothing was changed\.\n {2}- arrays and objects are nested more than 1,000 deep here;.*fresh export \(result\.json, line 1001\)/,
    ],
  ])('refuses %s, saying where and what to do, and changes nothing', async (name, content, message) => {
    const dir = tempDir();
    const path = join(dir, name);
    writeFileSync(path, content);
    const session = makeCase(dir);
    try {
      await expect(importSource(session.writable!, { path, custodian: 'Al', timeZone: 'Europe/London' }, { actor: 't' })).rejects.toThrow(
        message,
      );
      expect(session.db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(0);
    } finally {
      closeCase(session);
    }
  });
});

describe('documents nested as deeply as allowed', () => {
  it('reads 60,000 elements nested just under the cap as fast as 60,000 nested ten deep', async () => {
    // Each element used to cost a walk up its ancestors to find the default namespace, so chains 999
    // deep took about nine times as long as chains 10 deep. Comparing the two keeps the test about the
    // shape of the cost rather than the speed of a busy machine; linear reading makes the ratio about 1.
    const chains = (depth: number): string =>
      report(('<a>'.repeat(depth) + '</a>'.repeat(depth) + '\n').repeat(Math.round(60_000 / depth)));
    const shapes = [chains(10), chains(MAX_NESTING_DEPTH - 1)];
    // The fastest of three parses of each, taken in turn, so warming up and bursts of load count for neither.
    const fastest = [Infinity, Infinity];
    for (let run = 0; run < 3; run++) {
      for (const [shape, text] of shapes.entries()) {
        const { seconds, error } = await timed(() => drain(eventsOf(cellebrite, memorySource('report.xml', text, CHUNK), LONDON)));
        expect(error).toBeNull();
        fastest[shape] = Math.min(fastest[shape] ?? Infinity, seconds);
      }
    }
    const [shallow = 0, deep = Infinity] = fastest;
    expect(deep / shallow).toBeLessThan(2.5);
  });
});

describe('archives listing more members than any export', () => {
  const tempDir = useTempDir();

  it('refuses a zip whose directory declares 1,000,001 members before reading any, within a second', async () => {
    const path = join(tempDir(), 'export.zip');
    writeFileSync(path, zipDeclaringMembers(1_000_001));
    const { seconds, error } = await timed(() => openZipFile(path));
    expect(error).toBeInstanceOf(ImportInputError);
    expect((error as Error).message).toMatch(
      /^export\.zip: the archive lists 1,000,001 members; more than 1,000,000 is more than any export holds.*refused before any was read.*extract it and import the folder/,
    );
    expect(seconds).toBeLessThan(1);
  });

  it('refuses at the cap itself: one member over is enough', async () => {
    const path = join(tempDir(), 'export.zip');
    writeFileSync(
      path,
      storedZip([
        ['a.txt', 'a'],
        ['b.txt', 'b'],
        ['c.txt', 'c'],
      ]),
    );
    await expect(openZipFile(path, { ...DEFAULT_ZIP_LIMITS, maxEntries: 2 })).rejects.toThrow(/lists 3 members; more than 2 is more than/);
    const files = await openZipFile(path, { ...DEFAULT_ZIP_LIMITS, maxEntries: 3 });
    expect(files.entries).toEqual(['a.txt', 'b.txt', 'c.txt']);
    await files.close();
  });
});
