/**
 * A message too long to hold as one string is read, redacted, laid out and verified piece by piece
 * (issue 13, item 6). The limits are lowered through the export's `longBodies` seam, so a message of
 * ~28 KB takes the path a 200 MB one takes; the memory figure itself is printed by
 * `BENCH_ONLY=huge npm run bench`, not asserted here.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getCaseMeta } from '../../../db/queries/case-meta';
import { importSource } from '../../../main/import/run';
import { exportBundle, type ExportResult } from '../../../main/export/run';
import { PdfReaders, type PageText } from '../../../main/export/pdf-text';
import { BundleVerificationError } from '../../../main/export/verify';
import { addRedaction } from '../../../main/redact/redactions';
import { decide } from '../../../main/review/decisions';
import type { CaseSession } from '../../../main/cases/service';
import { AddRedactionArgsSchema } from '../../../common/contract/channels/redaction';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { makeCase, TEST_ACTOR } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';
import { exportSettings } from './settings';

const LONG_BODIES = { inlineBytes: 2048, pieceChars: 3000 };
const WORDS = 4_000;

/** "BEGIN w00000 w00001 … END", a line break every 40 words. */
const longBody = (): string =>
  `BEGIN ${Array.from({ length: WORDS }, (_, i) => `w${String(i).padStart(5, '0')}${i % 40 === 39 ? '\n' : ' '}`).join('')}END`;

async function caseWithLongMessage(dir: string): Promise<{ session: CaseSession; longId: number; otherId: number }> {
  const session = makeCase(dir);
  const db = session.writable!;
  await importSource(
    db,
    { path: fixture('whatsapp/android-en-GB-24h.txt'), custodian: 'Fiona Laird', timeZone: 'Europe/London' },
    { actor: 'test-reviewer' },
  );
  decide(db, DecideArgsSchema.parse({ selector: { kind: 'all' }, change: { outcome: 'disclose' } }), 'test-reviewer');
  const [longId, otherId] = db
    .prepare("SELECT id FROM messages WHERE kind = 'text' ORDER BY position LIMIT 2 OFFSET 3")
    .pluck()
    .all() as number[];
  db.prepare('UPDATE messages SET body = ? WHERE id = ?').run(longBody(), longId);
  return { session, longId: longId as number, otherId: otherId as number };
}

const exportTo = (session: CaseSession, dir: string): Promise<ExportResult> =>
  exportBundle(session.writable!, getCaseMeta(session.db)!, exportSettings(dir, { xlsx: false, firstNumber: null }), {
    ...TEST_ACTOR,
    actor: 'test-reviewer',
    casePath: session.path,
    longBodies: LONG_BODIES,
  });

/** Every page's body text, read back with pdfjs. */
async function pageBodies(result: ExportResult): Promise<string[]> {
  const bodies: string[] = [];
  const pdf = join(result.dir, result.files.find((f) => f.role === 'pdf')!.name);
  await PdfReaders.forPages(result.pages).read(pdf, result.pages, {
    onText: (_run, page, text: PageText) => (bodies[page - 1] = text.body),
  });
  return bodies;
}

describe('a message longer than the export holds as one string', () => {
  const tempDir = useTempDir('dd-long-message-');

  it('is laid out over many pages with every character once, in order, and verified', async () => {
    const { session } = await caseWithLongMessage(tempDir());
    const result = await exportTo(session, join(tempDir(), 'bundle'));
    expect(result.verification.ok).toBe(true);
    const bodies = await pageBodies(result);
    const text = bodies.join(' ');
    const printed = text.slice(text.indexOf('BEGIN'), text.indexOf('END') + 'END'.length);
    expect(printed.replace(/\s+/gu, '')).toBe(longBody().replace(/\s+/gu, ''));
    expect(bodies.filter((b) => /w\d{5}/u.test(b)).length).toBeGreaterThan(3);
    session.db.close();
  });

  it('fails verification when a redacted text is printed across a page break of it', async () => {
    const { session, otherId } = await caseWithLongMessage(tempDir());
    const first = await exportTo(session, join(tempDir(), 'first'));
    const bodies = await pageBodies(first);
    // Two words either side of a page break inside the long message.
    const page = bodies.findIndex((b, i) => /w\d{5}$/u.test(b) && /^w\d{5}/u.test(bodies[i + 1] ?? ''));
    expect(page).toBeGreaterThan(0);
    const secret = `${/w\d{5}$/u.exec(bodies[page] as string)?.[0]} ${/^w\d{5}/u.exec(bodies[page + 1] as string)?.[0]}`;
    for (const b of bodies) expect(b).not.toContain(secret);

    // Another message says the same two words, redacted there.
    const db = session.writable!;
    db.prepare('UPDATE messages SET body = ? WHERE id = ?').run(secret, otherId);
    addRedaction(
      db,
      AddRedactionArgsSchema.parse({ kind: 'span', messageId: otherId, start: 0, end: secret.length, reasonCode: 'personal-third-party' }),
      'test-reviewer',
    );
    const failed = await exportTo(session, join(tempDir(), 'second')).catch((err: unknown) => err);
    expect(failed).toBeInstanceOf(BundleVerificationError);
    const leak = (failed as BundleVerificationError).report.problems.find((p) => p.check === 'leak');
    expect(leak?.check === 'leak' && leak.leak.locations).toContainEqual(
      expect.objectContaining({ kind: 'extract-page', bundlePage: page + 1 }),
    );
    session.db.close();
  });
});
