/**
 * Small exports in the shapes real ones were seen to take (issue 15): each imports what is whole,
 * keeps and notes what is not, and dates and attributes every message as the export meant.
 * test/fixtures/corpus/EXPECTED.json holds each file's expected figures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TimelineMessage } from '../../../common/contract';
import { listConversations, sourceNotes } from '../../../main/browse/sources';
import { timeline } from '../../../main/browse/timeline';
import { importSource } from '../../../main/import/run';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';

interface Expected {
  readonly format?: string;
  readonly custodian?: string;
  readonly messages?: number;
  readonly systemMessages?: number;
  readonly participants?: number;
  readonly notesAtLeast?: number;
  readonly warningsAtLeast?: number;
  readonly noteContains?: string;
  readonly bodyContains?: string;
  readonly firstSentAt?: string;
  readonly secondSentAt?: string;
  readonly lastSentAt?: string;
  readonly timeConfidence?: 'low';
  readonly attachments?: number;
  readonly attachmentsPresent?: number;
  readonly attachmentSender?: string;
  /** The file names the attachments carry, in order (placeholders without a name left out). */
  readonly attachmentNames?: readonly string[];
  readonly calls?: number;
  readonly callSender?: string;
  readonly outgoing?: number;
  readonly incoming?: number;
  readonly directionUnknown?: number;
  readonly nulsRemoved?: number;
  readonly errorContains?: string;
  /** Each message in order: its kind, or `system:<systemKind>` for a record WhatsApp wrote itself. */
  readonly kinds?: readonly string[];
  readonly edited?: number;
}

const dir = join(__dirname, '..', '..', 'fixtures', 'corpus');
const EXPECTED = JSON.parse(readFileSync(join(dir, 'EXPECTED.json'), 'utf8')) as Record<string, Expected>;
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString().replace('.000Z', 'Z'));

describe('a corpus of real-export shapes', () => {
  const tempDir = useTempDir();

  it.each(Object.entries(EXPECTED))('%s', async (file, want) => {
    const session = makeCase(tempDir());
    const request = { path: join(dir, file), custodian: want.custodian ?? 'Fiona Laird', timeZone: 'Europe/London' };
    if (want.errorContains) {
      await expect(importSource(session.writable!, request, { actor: 'test' })).rejects.toThrow(want.errorContains);
      return;
    }
    const summary = await importSource(session.writable!, request, { actor: 'test' });
    if (want.format) expect(summary.format).toBe(want.format);
    const db = session.db;
    const messages: TimelineMessage[] = listConversations(db, summary.sourceId).flatMap((c) => timeline(db, c.id, 0, 10_000).messages);
    const notes = sourceNotes(db, summary.sourceId, 1000, 0).notes;
    const users = messages.filter((m) => m.kind !== 'system');
    const sentAt = messages.map((m) => m.sentAt);

    if (want.messages !== undefined) expect(messages).toHaveLength(want.messages);
    if (want.systemMessages !== undefined) expect(messages.filter((m) => m.kind === 'system')).toHaveLength(want.systemMessages);
    if (want.participants !== undefined) expect(new Set(users.map((m) => m.sender)).size).toBe(want.participants);
    if (want.notesAtLeast !== undefined) expect(notes.length).toBeGreaterThanOrEqual(want.notesAtLeast);
    if (want.warningsAtLeast !== undefined) expect(summary.notes.warnings).toBeGreaterThanOrEqual(want.warningsAtLeast);
    if (want.noteContains) expect(notes.map((n) => n.message).join('\n')).toContain(want.noteContains);
    if (want.bodyContains) expect(messages.map((m) => m.body).join('\n')).toContain(want.bodyContains);
    if (want.firstSentAt) expect(iso(sentAt[0] ?? null)).toBe(want.firstSentAt);
    if (want.secondSentAt) expect(iso(sentAt[1] ?? null)).toBe(want.secondSentAt);
    if (want.lastSentAt) expect(iso(sentAt.at(-1) ?? null)).toBe(want.lastSentAt);
    if (want.timeConfidence) expect(messages.every((m) => m.confidence === want.timeConfidence)).toBe(true);
    const attachments = messages.flatMap((m) => m.attachments.map((a) => ({ ...a, sender: m.sender })));
    if (want.attachments !== undefined) expect(attachments).toHaveLength(want.attachments);
    if (want.attachmentsPresent !== undefined) expect(attachments.filter((a) => a.present)).toHaveLength(want.attachmentsPresent);
    if (want.attachmentNames) expect(attachments.flatMap((a) => (a.fileName === null ? [] : [a.fileName]))).toEqual(want.attachmentNames);
    if (want.attachmentSender) expect(attachments.map((a) => a.sender)).toEqual([want.attachmentSender]);
    const calls = messages.filter((m) => m.kind === 'call');
    if (want.calls !== undefined) expect(calls).toHaveLength(want.calls);
    if (want.callSender) expect(new Set(calls.map((m) => m.sender))).toEqual(new Set([want.callSender]));
    if (want.outgoing !== undefined) expect(messages.filter((m) => m.direction === 'outgoing')).toHaveLength(want.outgoing);
    if (want.incoming !== undefined) expect(messages.filter((m) => m.direction === 'incoming')).toHaveLength(want.incoming);
    if (want.directionUnknown !== undefined) expect(messages.filter((m) => m.direction === 'unknown')).toHaveLength(want.directionUnknown);
    if (want.kinds) expect(messages.map((m) => (m.kind === 'system' ? `system:${m.systemKind ?? ''}` : m.kind))).toEqual(want.kinds);
    if (want.edited !== undefined) expect(messages.filter((m) => m.edited !== 'none')).toHaveLength(want.edited);
    if (want.nulsRemoved !== undefined) {
      expect(messages.some((m) => m.body.includes('\u0000'))).toBe(false);
      expect(notes.map((n) => n.message).join('\n')).toMatch(new RegExp(`${want.nulsRemoved} NUL`));
    }
  });
});
