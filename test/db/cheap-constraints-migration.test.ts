/**
 * Migration 0014 rebuilds `messages` with cheaper constraints of the same meaning. A case made by
 * today's code at the previous schema (migrations up to 0013: imports, decisions, redactions, a
 * bundle, the search index) keeps every row and what each means, and goes on accepting imports of
 * every format.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { type WritableDB } from '../../db/connection';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../db/migrations';
import { closeCase, openCase } from '../../main/cases/service';
import { importSource } from '../../main/import/run';
import { updateIndex } from '../../main/search/indexer';
import { makeCase } from '../helpers/case';
import { fixture } from '../helpers/fixtures';
import { caseAtVersion } from '../helpers/old-case';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
const PREVIOUS = MIGRATIONS.findIndex((m) => m.name === 'cheap message constraints');

/** A case file as the previous build made it: schema v13, its details, nothing else yet. */
const caseAtPreviousSchema = (dir: string) => caseAtVersion(dir, PREVIOUS, ['page_size = 16384']);

const importAs = (db: WritableDB, input: string, custodian: string) =>
  importSource(db, { path: fixture(input), custodian, timeZone: 'Europe/London' }, { actor: 'test-reviewer' });

/**
 * The rows today's importer makes of `inputs`, in a case at the previous schema: today's importer
 * writes columns later migrations added (0015's on attachments), so it imports into a case of its own,
 * whose rows are copied column by column that the previous schema has.
 */
async function importAtPreviousSchema(db: WritableDB, inputs: readonly (readonly [input: string, custodian: string])[]): Promise<void> {
  const scratch = makeCase(tempDir(), 'scratch.ddcase');
  const scratchPath = scratch.db.name;
  for (const [input, custodian] of inputs) await importAs(scratch.writable!, input, custodian);
  closeCase(scratch);
  db.exec(`ATTACH DATABASE '${scratchPath.replace(/'/g, "''")}' AS scratch`);
  try {
    const tables = db
      .prepare(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
      )
      .pluck()
      .all() as string[];
    db.transaction(() => {
      // Tables the migrations seed (reason codes) or the case's creation fills (its details) are the same in both.
      const seeded = (table: string): boolean => db.prepare(`SELECT count(*) FROM main."${table}"`).pluck().get() !== 0;
      for (const table of tables.filter((t) => !t.startsWith('search_') && !seeded(t))) {
        const theirs = new Set(db.prepare(`SELECT name FROM pragma_table_info(?, 'scratch')`).pluck().all(table) as string[]);
        const columns = (db.prepare(`SELECT name FROM pragma_table_info(?, 'main')`).pluck().all(table) as string[]).filter((c) =>
          theirs.has(c),
        );
        const list = columns.map((c) => `"${c}"`).join(', ');
        db.exec(`INSERT INTO main."${table}" (${list}) SELECT ${list} FROM scratch."${table}"`);
      }
    })();
  } finally {
    db.exec('DETACH DATABASE scratch');
  }
}

/** Decisions, a redaction and a bundle on the first messages, as the review and export services leave them. */
function review(db: WritableDB): void {
  db.exec(`
    INSERT INTO review_batches (batch_id, actor, kind, summary, events, at) VALUES ('b1', 'alice', 'decision', 'outcome', 2, 1);
    INSERT INTO review_events (message_id, batch_id, origin, classification, relevance, outcome, rationale, at, actor)
      SELECT id, 'b1', 'decision', 'business', 'relevant', 'disclose_redacted', 'why', 1, 'alice' FROM messages ORDER BY id LIMIT 2;
    INSERT INTO reviews (message_id, classification, relevance, outcome, rationale, last_event_id, updated_at, updated_by)
      SELECT message_id, classification, relevance, outcome, rationale, id, at, actor FROM review_events;
    INSERT INTO redactions (message_id, kind, start_utf16, end_utf16, reason_code, note, created_at, created_by)
      SELECT message_id, 'span', 0, 1, 'personal-contact', '', 1, 'alice' FROM reviews;
    INSERT INTO bundles (reference_prefix, first_number, reference_width, document_unit, settings, output_dir, decisions_hash, page_count,
        created_at, created_by, last_number)
      VALUES ('INQ', 1, 9, 'conversation', '{}', '/b', '${'a'.repeat(64)}', 1, 1, 'alice', 2);
    INSERT INTO bundle_items (bundle_id, message_id, reference, page_start, page_end) SELECT 1, message_id, 'INQ00000000' || message_id, 1, 1 FROM reviews;
  `);
}

const TABLES = [
  'messages',
  'conversations',
  'participants',
  'reactions',
  'attachments',
  'review_events',
  'reviews',
  'redactions',
  'bundle_items',
  'search_state',
];

const PREVIOUS_COLUMNS: Record<string, string[]> = (() => {
  const db = new Database(':memory:');
  migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, PREVIOUS) });
  const columns = Object.fromEntries(
    TABLES.map((table) => [table, db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]]),
  );
  db.close();
  return columns;
})();

/** The tables' rows, in the columns the previous schema has (later migrations may add some). */
function snapshot(db: Database.Database): Record<string, unknown[]> {
  const rows: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const columns = (PREVIOUS_COLUMNS[table] ?? []).map((c) => `"${c}"`).join(', ');
    rows[table] = db.prepare(`SELECT ${columns} FROM ${table} ORDER BY 1, 2`).raw().all();
  }
  rows.search = db
    .prepare("SELECT rowid, snippet(search_fts, 0, '[', ']', '…', 8) FROM search_fts WHERE search_fts MATCH 'the' ORDER BY rowid")
    .raw()
    .all();
  return rows;
}

describe('migration 0014, cheap message constraints', () => {
  it('keeps every row of a case made at the previous schema, and what each rule means', async () => {
    expect(PREVIOUS).toBe(13);
    const { path, db } = caseAtPreviousSchema(tempDir());
    await importAtPreviousSchema(db, [
      ['whatsapp/ios-en-GB.zip', 'Tom Reid'],
      ['telegram/result.json', 'Euan Baird'],
      ['rsmf/core-group.rsmf', 'Fiona Laird'],
    ]);
    review(db);
    await updateIndex(db);
    const before = snapshot(db);
    expect(before.messages!.length).toBeGreaterThan(0);
    for (const table of ['reactions', 'attachments', 'reviews', 'redactions', 'bundle_items', 'search'])
      expect(before[table]!.length, table).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) FROM messages WHERE reply_to_message_id IS NOT NULL').pluck().get()).toBeGreaterThan(0);
    db.close();

    const session = openCase(path);
    const migrated = session.writable!;
    expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(snapshot(migrated)).toEqual(before);
    expect(migrated.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(migrated.pragma('foreign_key_check')).toEqual([]);
    expect(migrated.pragma('foreign_keys', { simple: true })).toBe(1);

    // The same rules hold: a copy of a valid message, given a new place in its conversation, is stored,
    // and refused for each rule one change to it breaks.
    const insertCopy = (change: string): void => {
      migrated.exec(`CREATE TEMP TABLE probe AS SELECT * FROM messages WHERE kind = 'text' AND sent_at IS NOT NULL ORDER BY id LIMIT 1;
        UPDATE probe SET id = NULL, seq = seq + 100000, position = position + 100000;
        UPDATE probe ${change};`);
      try {
        migrated.exec('INSERT INTO messages SELECT * FROM temp.probe');
      } finally {
        migrated.exec('DROP TABLE temp.probe');
      }
    };
    migrated.exec('SAVEPOINT probe');
    expect(() => insertCopy('SET repairs = \'["a repair"]\'')).not.toThrow();
    migrated.exec('ROLLBACK TO probe');
    for (const [change, refusal] of [
      ['SET seq = -1', /CHECK constraint failed: seq >= 0/],
      ["SET repairs = '{}'", /CHECK constraint failed: repairs = '\[\]' OR/],
      ["SET repairs = 'not json'", /CHECK constraint failed: repairs = '\[\]' OR/],
      ["SET tz_basis = 'assumed:'", /CHECK constraint failed: tz_basis/],
      ["SET kind = 'system'", /CHECK constraint failed: kind <> 'system'/],
      ['SET sent_at_raw = NULL', /CHECK constraint failed: sent_at IS NULL/],
      ['SET locator_line_end = locator_line_start - 1', /CHECK constraint failed: locator_line_end/],
      ["SET edit_history = '['", /CHECK constraint failed: edit_history/],
      ['SET conversation_id = 999999', /FOREIGN KEY constraint failed/],
      ['SET source_id = 999999', /FOREIGN KEY constraint failed/],
      // New with 0014: a message's source is its conversation's.
      ['SET source_id = (SELECT max(id) FROM sources WHERE id <> source_id)', /FOREIGN KEY constraint failed/],
      ['SET sender_participant_id = 999999', /FOREIGN KEY constraint failed/],
      ['SET reply_to_message_id = 999999', /FOREIGN KEY constraint failed/],
    ] as const) {
      expect(() => insertCopy(change), change).toThrow(refusal);
    }
    migrated.exec('RELEASE probe');
    expect(migrated.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(before.messages!.length);
    closeCase(session);
  });

  it('opens a case made by the previous migrations, upgrades it and accepts an import of every format', async () => {
    const { path, db } = caseAtPreviousSchema(tempDir());
    await importAtPreviousSchema(db, [['whatsapp/android-en-GB-24h.txt', 'Tom Reid']]);
    db.close();

    const session = openCase(path);
    const upgraded = session.writable!;
    expect(upgraded.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const formats = new Set<string>();
    for (const input of [
      'whatsapp/ios-en-GB.zip',
      'sms/sms-backup-restore.xml',
      'telegram/result.json',
      'imessage',
      'cellebrite/ufdr-sample.ufdr',
      'rsmf/core-group.rsmf',
    ]) {
      const summary = await importAs(upgraded, input, 'Fiona Laird');
      expect(summary.messages, input).toBeGreaterThan(0);
      formats.add(summary.format);
    }
    expect([...formats].sort()).toEqual(['cellebrite_ufdr', 'imessage', 'rsmf', 'sms_backup_restore', 'telegram', 'whatsapp']);
    expect(upgraded.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(7);
    expect(upgraded.pragma('foreign_key_check')).toEqual([]);
    closeCase(session);
  });
});
