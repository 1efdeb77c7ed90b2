/**
 * An import is written with SQLite enforcing the case's own rules (every foreign key and CHECK
 * constraint), not with them switched off and restated in JavaScript: a row that breaks one is refused
 * by SQLite, and the import fails naming the record, leaving the case as it was.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeCase, openCase } from '../../../main/cases/service';
import { COLUMNS, type EventBatch } from '../../../main/import/batch';
import { ImportInputError } from '../../../main/import/errors';
import { importSource, type ImportProgress } from '../../../main/import/run';
import { SourceWriter } from '../../../main/import/writer';
import { makeCase } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';

const tempDir = useTempDir();
const CHAT = 'whatsapp/android-en-GB-24h.txt';
const request = { path: fixture(CHAT), custodian: 'Tom Reid', timeZone: 'Europe/London' };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('SQLite enforces its own rules while an import writes', () => {
  it('keeps foreign keys and CHECK constraints on inside the import transaction', async () => {
    const session = makeCase(tempDir());
    const db = session.writable!;
    const seen: { phase: ImportProgress['phase']; inTransaction: boolean; foreignKeys: unknown; ignoreChecks: unknown }[] = [];
    await importSource(db, request, {
      actor: 't',
      onProgress: (progress) => {
        if (progress.phase !== 'hashing') {
          seen.push({
            phase: progress.phase,
            inTransaction: db.inTransaction,
            foreignKeys: db.pragma('foreign_keys', { simple: true }),
            ignoreChecks: db.pragma('ignore_check_constraints', { simple: true }),
          });
        }
      },
    });
    expect(seen.length).toBeGreaterThan(0);
    for (const state of seen) expect(state).toEqual({ phase: state.phase, inTransaction: true, foreignKeys: 1, ignoreChecks: 0 });
    closeCase(session);
  });

  it('fails an import whose row breaks a CHECK constraint, naming the record, with SQLite as the judge, and changes nothing', async () => {
    const dir = tempDir();
    const made = makeCase(dir);
    const path = made.path;
    closeCase(made);
    const before = createHash('sha256').update(readFileSync(path)).digest('hex');

    // The parser never produces such a row: the batch is bent on its way to the writer, as a parser bug would.
    const write = SourceWriter.prototype.write;
    vi.spyOn(SourceWriter.prototype, 'write').mockImplementation(function (this: SourceWriter, batch: EventBatch) {
      const at = 4 * COLUMNS.NUMBERS;
      batch.numbers[at + COLUMNS.N_LINE_END] = (batch.numbers[at + COLUMNS.N_LINE_START] ?? 0) - 1;
      write.call(this, batch);
    });
    const session = openCase(path);
    const failure = await importSource(session.writable!, request, { actor: 't' }).catch((err: unknown) => err);
    closeCase(session);

    expect(failure).toBeInstanceOf(ImportInputError);
    const { locator } = failure as ImportInputError;
    expect(locator?.file).toBe('android-en-GB-24h.txt');
    expect((failure as Error).message).toBe(
      `android-en-GB-24h.txt (lines ${locator?.lineStart}-${locator?.lineEnd}): a record could not be stored: its last line (${locator?.lineEnd}) comes before its first (${locator?.lineStart})`,
    );
    expect((failure as Error).cause).toMatchObject({ code: 'SQLITE_CONSTRAINT_CHECK' });
    expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(before);
  });
});
