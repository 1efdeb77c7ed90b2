import Database from 'better-sqlite3';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, closeCaseFile, createCaseFile, openCaseFile, openReader } from '../../db/connection';
import { beginSnapshot, endSnapshot } from '../../db/queries/run';
import { CaseExistsError, CaseNotFoundError, NotACaseFileError, SchemaTooNewError } from '../../db/errors';
import { SCHEMA_VERSION } from '../../db/migrations';
import { useTempDir } from '../helpers/temp';

describe('case files', () => {
  const tempDir = useTempDir();

  it('creates a case readable and writable by its owner only, with WAL and foreign keys on', () => {
    const path = join(tempDir(), 'new.ddcase');
    const db = createCaseFile(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    db.exec("INSERT INTO custodians (name, created_at) VALUES ('Fiona Laird', 1)");
    for (const suffix of ['-wal', '-shm']) expect(statSync(path + suffix).mode & 0o777).toBe(0o600);
    closeCaseFile(db);
  });

  it('refuses to create over an existing file', () => {
    const path = join(tempDir(), 'taken.ddcase');
    writeFileSync(path, 'something precious');
    expect(() => createCaseFile(path)).toThrow(CaseExistsError);
  });

  it('reopens a case with foreign keys enforced', () => {
    const path = join(tempDir(), 'fk.ddcase');
    closeCaseFile(createCaseFile(path));
    const { db, writable } = openCaseFile(path);
    expect(writable).not.toBeNull();
    expect(() =>
      db.exec(
        "INSERT INTO sources (custodian_id, device_label, format, file_name, file_path, file_size, sha256, imported_at, imported_by, parser_version, time_zone) VALUES (99, '', 'whatsapp', 'a', 'a', 1, '" +
          'a'.repeat(64) +
          "', 1, 'x', '1', 'Europe/London')",
      ),
    ).toThrow(/FOREIGN KEY/);
    closeCaseFile(db);
  });

  it('refuses a case written by a newer build, saying what to do, and leaves the file unchanged', () => {
    const path = join(tempDir(), 'future.ddcase');
    closeCaseFile(createCaseFile(path));
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 3}`);
    raw.close();
    const before = statSync(path).mtimeMs;
    expect(() => openCaseFile(path)).toThrow(SchemaTooNewError);
    expect(() => openCaseFile(path)).toThrow(
      `schema v${SCHEMA_VERSION + 3}; this build of Disclosure Desk knows up to v${SCHEMA_VERSION}. Update Disclosure Desk`,
    );
    expect(statSync(path).mtimeMs).toBe(before);
  });

  it('refuses files that are not cases', () => {
    const dir = tempDir();
    const text = join(dir, 'notes.ddcase');
    writeFileSync(text, 'just some text, long enough to have a header');
    expect(() => openCaseFile(text)).toThrow(NotACaseFileError);
    const other = join(dir, 'other.ddcase');
    new Database(other).exec('CREATE TABLE t (x)');
    expect(() => openCaseFile(other)).toThrow(/SQLite database of another program/);
    expect(() => openCaseFile(join(dir, 'missing.ddcase'))).toThrow(CaseNotFoundError);
  });

  it('opens read-only when asked, and refuses writes through that handle', () => {
    const path = join(tempDir(), 'ro.ddcase');
    closeCaseFile(createCaseFile(path));
    const { db, writable } = openCaseFile(path, { readOnly: true });
    expect(writable).toBeNull();
    expect(() => db.exec("INSERT INTO custodians (name, created_at) VALUES ('x', 1)")).toThrow(/readonly/);
    closeCaseFile(db);
  });

  it('closes without blocking writers while another connection holds a snapshot (an export reading)', () => {
    const path = join(tempDir(), 'c.ddcase');
    closeCaseFile(createCaseFile(path));
    const reader = openReader(path);
    beginSnapshot(reader);
    const closing = openCaseFile(path).writable!;
    closing.exec("INSERT INTO custodians (name, created_at) VALUES ('a', 1)");
    const started = Date.now();
    closeCaseFile(closing);
    // A checkpoint that waited for the reader would hold the write lock for the whole busy timeout.
    expect(Date.now() - started).toBeLessThan(2_000);
    const writer = openCaseFile(path).writable!;
    writer.exec("INSERT INTO custodians (name, created_at) VALUES ('b', 1)");
    endSnapshot(reader);
    reader.close();
    expect(writer.prepare('SELECT count(*) FROM custodians').pluck().get()).toBe(2);
    closeCaseFile(writer);
  });
});
