import Database from 'better-sqlite3';
import { chmodSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli';
import { closeCase } from '../../../main/cases/service';
import { createDispatch } from '../../../main/dispatch';
import { createHandlers, type HandlerSet } from '../../../main/handlers';
import type { Envelope } from '../../../common/contract';
import { testHost } from '../../helpers/host';
import { SPELLINGS } from '../../helpers/phone-spellings';
import { useTempDir } from '../../helpers/temp';
import { caseWithBodies } from './seed';

const BODIES = ['Call Jane Smith on 07911 123456', 'jane smith again', 'nothing'];

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function closedCase(dir: string) {
  const seeded = caseWithBodies(dir, BODIES);
  closeCase(seeded.session);
  return { path: seeded.session.path, ids: seeded.ids, conversationId: seeded.conversationId };
}

const liveRedactions = (
  path: string,
): { message_id: number; start_utf16: number | null; end_utf16: number | null; reason_code: string }[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db
      .prepare('SELECT message_id, start_utf16, end_utf16, reason_code FROM redactions WHERE removed_at IS NULL ORDER BY id')
      .all() as never;
  } finally {
    db.close();
  }
};

describe('the redaction channels', () => {
  const tempDir = useTempDir();
  const sets: HandlerSet[] = [];
  afterEach(() => sets.splice(0).forEach((s) => s.dispose()));

  const open = async (path: string, dir: string) => {
    const set = createHandlers(testHost(dir));
    sets.push(set);
    const dispatch = createDispatch(set.handlers);
    const opened = await dispatch('case.open', { path });
    if (!opened.ok) throw new Error(opened.error.message);
    return dispatch;
  };

  it('add → list → remove through the contract, with arguments validated at the boundary', async () => {
    const dir = tempDir();
    const { path, ids, conversationId } = closedCase(dir);
    const dispatch = await open(path, dir);
    const added = (await dispatch('redactions.add', {
      kind: 'span',
      messageId: ids[0],
      start: 19,
      end: 31,
      reasonCode: 'personal-contact',
    })) as Envelope<{ redaction: { id: number } }>;
    expect(added.ok).toBe(true);
    const listed = (await dispatch('redactions.list', { kind: 'conversation', conversationId })) as Envelope<unknown[]>;
    expect(listed.ok && listed.value).toHaveLength(1);
    expect((await dispatch('redactions.add', { kind: 'span', messageId: ids[0], start: 5, end: 2, reasonCode: 'lpp' })).ok).toBe(false);
    expect((await dispatch('redactions.add', { kind: 'span', messageId: ids[0], start: 0, end: 2, reasonCode: 'Not A Code' })).ok).toBe(
      false,
    );
    const removed = await dispatch('redactions.remove', { ids: [added.ok ? added.value.redaction.id : 0] });
    expect(removed).toEqual({ ok: true, value: { removed: 1, outcomeMoves: [] } });
  });

  it('undoes a redaction with review.undo, and offers the last reason used through the contract', async () => {
    const dir = tempDir();
    const { path, ids } = closedCase(dir);
    const dispatch = await open(path, dir);
    expect(await dispatch('reasons.lastUsed', {})).toEqual({ ok: true, value: null });
    await dispatch('redactions.add', { kind: 'span', messageId: ids[0], start: 19, end: 31, reasonCode: 'personal-contact' });
    expect(await dispatch('reasons.lastUsed', {})).toEqual({ ok: true, value: 'personal-contact' });
    expect(await dispatch('review.undoState', {})).toMatchObject({
      ok: true,
      value: { undo: { summary: "redaction 'Personal data (contact details)' on 1 message" } },
    });
    expect(await dispatch('review.undo', {})).toMatchObject({ ok: true, value: { changed: 1 } });
    expect(await dispatch('redactions.list', { kind: 'message', messageId: ids[0] })).toEqual({ ok: true, value: [] });
    expect(await dispatch('review.redo', {})).toMatchObject({ ok: true, value: { changed: 1 } });
    expect(await dispatch('redactions.list', { kind: 'message', messageId: ids[0] })).toMatchObject({
      ok: true,
      value: [{ start: 19, end: 31 }],
    });
  });

  it('a case opened read-only refuses every change and still lists and suggests', async () => {
    const dir = tempDir();
    const { path, ids } = closedCase(dir);
    chmodSync(path, 0o444);
    const dispatch = await open(path, dir);
    const refused = await dispatch('redactions.add', { kind: 'whole', messageId: ids[0], reasonCode: 'article-8' });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/read-only.*redactions cannot be added/) } });
    expect(await dispatch('names.add', { name: 'Jane Smith' })).toMatchObject({ ok: false });
    expect(await dispatch('reasons.update', { code: 'lpp', label: 'x' })).toMatchObject({ ok: false });
    const found = (await dispatch('suggestions.find', { scope: { kind: 'case' }, kinds: ['phone'] })) as Envelope<{
      suggestions: unknown[];
    }>;
    expect(found.ok && found.value.suggestions).toHaveLength(1);
  });
});

describe('disclosure-desk redact', () => {
  const tempDir = useTempDir();

  it('redacts one span by offsets and prints the result as JSON', async () => {
    const { path, ids } = closedCase(tempDir());
    const result = await cli(
      'redact',
      path,
      '--message',
      String(ids[0]),
      '--start',
      '19',
      '--end',
      '31',
      '--reason',
      'personal-contact',
      '--json',
    );
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(result.out)).toMatchObject({
      redaction: { messageId: ids[0], start: 19, end: 31, reasonCode: 'personal-contact' },
      replaced: null,
      outcomeMoves: [],
    });
    expect(liveRedactions(path)).toEqual([{ message_id: ids[0], start_utf16: 19, end_utf16: 31, reason_code: 'personal-contact' }]);
  });

  it('--text redacts every occurrence and prints counts; a second run finds them all already redacted', async () => {
    const { path, ids } = closedCase(tempDir());
    const first = await cli('redact', path, '--text', 'Jane Smith', '--reason', 'personal-third-party');
    expect(first).toMatchObject({ code: 0, out: 'Redacted 2 occurrences in 2 messages.' });
    expect(liveRedactions(path).map((r) => r.message_id)).toEqual([ids[0], ids[1]]);
    const again = await cli('redact', path, '--text', 'jane smith', '--reason', 'personal-third-party', '--json');
    expect(JSON.parse(again.out)).toEqual({ added: 0, alreadyRedacted: 2, messages: 0, outcomeMoves: [] });
  });

  it('--pattern --dry-run lists each hit with context and changes nothing', async () => {
    const { path, ids } = closedCase(tempDir());
    const result = await cli('redact', path, '--pattern', '07\\d{3} \\d{6}', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      `#${ids[0]} 19–31: …Call Jane Smith on [07911 123456]…\n1 occurrence found, 1 not yet redacted. Nothing was changed (--dry-run).`,
    );
    expect(liveRedactions(path)).toEqual([]);
  });

  it('--text with a phone number finds every spelling of it in the whole case', async () => {
    const dir = tempDir();
    const { session, ids } = caseWithBodies(
      dir,
      SPELLINGS.map((p) => `ring ${p} today`),
    );
    const path = session.path;
    closeCase(session);
    const dry = await cli('redact', path, '--text', '+44 7700 900461', '--dry-run', '--json');
    expect((JSON.parse(dry.out) as { hits: { messageId: number; text: string }[] }).hits.map((h) => [h.messageId, h.text])).toEqual(
      SPELLINGS.map((p, i) => [ids[i], p]),
    );
    const applied = await cli('redact', path, '--text', '07700900461', '--reason', 'personal-contact');
    expect(applied).toMatchObject({ code: 0, out: `Redacted ${SPELLINGS.length} occurrences in ${SPELLINGS.length} messages.` });
  });

  it('exits 2 on wrong usage and 1 on a failure, with the message on stderr', async () => {
    const { path, ids } = closedCase(tempDir());
    expect(await cli('redact', path, '--text', 'x', '--pattern', 'y', '--reason', 'lpp')).toMatchObject({
      code: 2,
      err: expect.stringMatching(/exactly one of/),
    });
    expect(await cli('redact', path, '--message', String(ids[0]), '--start', '1', '--reason', 'lpp')).toMatchObject({ code: 2 });
    expect(await cli('redact', path, '--text', 'Jane')).toMatchObject({ code: 2, err: expect.stringMatching(/--reason/) });
    expect(await cli('redact', path, '--message', String(ids[0]), '--start', '0', '--end', '999', '--reason', 'lpp')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/invalid/),
    });
    expect(await cli('redact', path, '--text', 'Jane', '--reason', 'no-such-code')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/not a reason code/),
    });
  });
});

/** A closed case whose first message was sent by a participant saved under a phone number. */
function caseWithPhoneSender(dir: string) {
  const seeded = caseWithBodies(dir, BODIES);
  const db = seeded.session.writable!;
  const participantId = Number(
    db.prepare("INSERT INTO participants (source_id, source_key, label) VALUES (?, 'p', '+44 7700 900123')").run(seeded.sourceId)
      .lastInsertRowid,
  );
  db.prepare('UPDATE messages SET sender_participant_id = ? WHERE id = ?').run(participantId, seeded.ids[0]);
  closeCase(seeded.session);
  return { path: seeded.session.path, participantId, conversationId: seeded.conversationId };
}

describe('the label redaction channels and command', () => {
  const tempDir = useTempDir();
  const sets: HandlerSet[] = [];
  afterEach(() => sets.splice(0).forEach((s) => s.dispose()));

  it('labels.redact → labels.list → labels.remove through the contract, refusing an argument naming both targets', async () => {
    const dir = tempDir();
    const { path, participantId, conversationId } = caseWithPhoneSender(dir);
    const set = createHandlers(testHost(dir));
    sets.push(set);
    const dispatch = createDispatch(set.handlers);
    expect((await dispatch('case.open', { path })).ok).toBe(true);
    const added = (await dispatch('labels.redact', { participantId, reasonCode: 'personal-contact' })) as Envelope<{
      redaction: { id: number };
    }>;
    expect(added).toMatchObject({
      ok: true,
      value: { redaction: { participantId, text: '+44 7700 900123', label: 'Personal data (contact details)' }, replaced: null },
    });
    expect((await dispatch('labels.redact', { participantId, conversationId, reasonCode: 'lpp' })).ok).toBe(false);
    const listed = (await dispatch('labels.list', {})) as Envelope<unknown[]>;
    expect(listed.ok && listed.value).toHaveLength(1);
    const id = added.ok ? added.value.redaction.id : 0;
    expect(await dispatch('labels.remove', { id })).toEqual({ ok: true, value: { removed: id } });
    expect(await dispatch('labels.remove', { id })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/not a live redaction/) },
    });
  });

  it('disclosure-desk redact --participant and --conversation-title redact a label and a title', async () => {
    const { path, participantId, conversationId } = caseWithPhoneSender(tempDir());
    const sender = await cli('redact', path, '--participant', String(participantId), '--reason', 'personal-contact');
    expect(sender).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Added label redaction #\d+ hiding the label of participant #\d+: Personal data \(contact details\)\.$/),
    });
    const title = await cli('redact', path, '--conversation-title', String(conversationId), '--reason', 'article-8', '--json');
    expect(JSON.parse(title.out)).toMatchObject({ redaction: { conversationId, reasonCode: 'article-8' }, replaced: null });
    expect(await cli('redact', path, '--participant', '999', '--reason', 'lpp')).toMatchObject({
      code: 1,
      err: expect.stringMatching(/Participant #999 is not in this case/),
    });
    expect(await cli('redact', path, '--participant', String(participantId), '--text', 'x', '--reason', 'lpp')).toMatchObject({ code: 2 });
  });
});
