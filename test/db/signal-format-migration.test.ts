/**
 * Migration 0019 rebuilds `sources` so its format vocabulary holds 'signal'. A case made by today's
 * code at the previous schema keeps every source row and every row that refers to one, refuses a
 * Signal source before the upgrade, and takes one after it.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type WritableDB } from '../../db/connection';
import { MIGRATIONS, SCHEMA_VERSION } from '../../db/migrations';
import { closeCase, openCase } from '../../main/cases/service';
import { importSource } from '../../main/import/run';
import { fixture } from '../helpers/fixtures';
import { caseAtVersion } from '../helpers/old-case';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
const PREVIOUS = MIGRATIONS.findIndex((m) => m.name === 'signal source format');

const caseAtPreviousSchema = (dir: string) => caseAtVersion(dir, PREVIOUS);

const importInto = (db: WritableDB, input: string, custodian: string) =>
  importSource(db, { path: fixture(input), custodian, timeZone: 'Europe/London' }, { actor: 'test-reviewer' });

/** Every row of the tables that hold or refer to sources, in id order. */
function sourceRows(db: Database.Database): Record<string, unknown[]> {
  const tables = ['sources', 'source_notes', 'conversations', 'participants', 'messages', 'attachments'];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY id`).all()]));
}

describe('migration 0019, the signal source format', () => {
  it('keeps every source and what refers to it, and then takes a Signal export', async () => {
    expect(PREVIOUS).toBeGreaterThan(15);
    const { path, db } = caseAtPreviousSchema(tempDir());
    await importInto(db, 'whatsapp/ios-en-GB.zip', 'Tom Reid');
    await importInto(db, 'telegram/result.json', 'Fiona Laird');
    await expect(importInto(db, 'signal/export', 'Euan Baird')).rejects.toThrow(/CHECK constraint|format/);
    const before = sourceRows(db);
    expect(before.sources).toHaveLength(2);
    db.close();

    const session = openCase(path);
    const migrated = session.writable!;
    expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(sourceRows(migrated)).toEqual(before);
    expect(migrated.pragma('foreign_key_check')).toEqual([]);
    expect(migrated.prepare("SELECT sql FROM sqlite_master WHERE name = 'sources'").pluck().get()).toContain("format = 'signal'");
    expect(migrated.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'sources_by_custodian'").pluck().get()).toBe(1);
    const summary = await importInto(migrated, 'signal/export', 'Euan Baird');
    expect(summary).toMatchObject({ format: 'signal', messages: 19 });
    closeCase(session);
  });

  it('refuses the upgrade, changing nothing, when a conversation refers to a source that is not in the case', () => {
    const { path, db } = caseAtPreviousSchema(tempDir());
    db.pragma('foreign_keys = OFF');
    db.exec(
      `INSERT INTO conversations (id, source_id, source_key, platform, kind, title, fingerprint) VALUES (1, 99, 'k', 'signal', 'direct', 'Orphan', 'f')`,
    );
    db.close();
    expect(() => openCase(path)).toThrow(/row\(s\) of conversations \(first: #1\) refer to a source or custodian that is not in the case/);
    const after = new Database(path, { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(PREVIOUS);
    after.close();
  });
});
