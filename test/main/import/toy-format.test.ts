/**
 * A format is one module and one registry entry: a toy format, defined here and nowhere else, is
 * detected, parsed, batched and stored through the ordinary importSource, with nothing else changed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParseEvent } from '../../../common/domain/parsed';
import { closeCase } from '../../../main/cases/service';
import { singleFile, type SourceFiles } from '../../../main/import/files';
import type { ImportFormat } from '../../../main/import/format';
import { detectFormat, registerFormat } from '../../../main/import/formats';
import { importSource } from '../../../main/import/run';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';

const MAGIC = 'TOY CHAT v1\n';

/** `sender: text` lines after a magic first line; every message in one conversation. */
async function* parseToy(files: SourceFiles, options: { readonly custodianName?: string }): AsyncGenerator<readonly ParseEvent[]> {
  const [entry] = files.entries;
  if (entry === undefined) return;
  const lines = Buffer.from(await files.read(entry))
    .toString('utf8')
    .slice(MAGIC.length)
    .split('\n')
    .filter(Boolean);
  const senders = [...new Set(lines.map((line) => line.slice(0, line.indexOf(':'))))];
  yield [
    { type: 'source', source: { format: toy.id, producer: 'Toy', producerVersion: '1', dateOrder: null, dateOrderBasis: null } },
    { type: 'conversation', conversation: { key: 'toy', platform: 'other', kind: 'group', title: 'Toy chat', externalId: null } },
    ...senders.flatMap((key): ParseEvent[] => [
      { type: 'participant', participant: { key, label: key, handle: null, isOwner: key === options.custodianName } },
      { type: 'member', conversationKey: 'toy', participantKey: key },
    ]),
  ];
  yield lines.map((line, seq): ParseEvent => {
    const sender = line.slice(0, line.indexOf(':'));
    return {
      type: 'message',
      message: {
        conversationKey: 'toy',
        seq,
        externalId: null,
        time: { utcMs: Date.UTC(2021, 2, 12, 9, seq), raw: new Date(Date.UTC(2021, 2, 12, 9, seq)).toISOString(), basis: 'explicit' },
        senderKey: sender,
        direction: sender === options.custodianName ? 'outgoing' : 'incoming',
        directionBasis: 'source',
        kind: 'text',
        systemKind: null,
        body: line.slice(sender.length + 2),
        edited: 'none',
        editHistory: [],
        deleted: 'none',
        replyToExternalId: null,
        attachments: [],
        reactions: [],
        locator: { file: entry, lineStart: seq + 2, lineEnd: seq + 2 },
        repairs: [],
        confidence: 'high',
      },
    };
  });
}

/**
 * The case's vocabulary of formats grows only by a migration, so the toy stands in for an existing
 * one (RSMF) for the length of a test; everything the pipeline does with it comes from this object.
 */
const toy: ImportFormat = {
  id: 'rsmf',
  sniff: (head) => (head.text.startsWith(MAGIC) ? 1 : 0),
  parse: parseToy,
  parserVersion: 'toy/1',
  oneConversation: true,
  attachments: false,
};

describe('a toy format, registered in a test', () => {
  const tempDir = useTempDir();
  let unregister: (() => void) | null = null;
  afterEach(() => {
    unregister?.();
    unregister = null;
  });

  function toyFile(lines: readonly string[]): string {
    const path = join(tempDir(), 'chat.toy');
    writeFileSync(path, MAGIC + lines.join('\n') + '\n');
    return path;
  }

  it('is detected and imported through importSource like any built-in format', async () => {
    unregister = registerFormat(toy);
    const path = toyFile(['Ann Gray: morning', 'Dan Ross: the minutes are out', 'Ann Gray: thanks']);
    const session = makeCase(tempDir());
    try {
      const summary = await importSource(
        session.writable!,
        { path, custodian: 'Dan Ross', timeZone: 'Europe/London' },
        { actor: 't', parseThread: false },
      );
      expect(summary).toMatchObject({ format: 'rsmf', conversations: 1, messages: 3, participants: 2, attachments: 0 });
      const rows = session.db.prepare('SELECT body, direction FROM messages ORDER BY seq').raw().all();
      expect(rows).toEqual([
        ['morning', 'incoming'],
        ['the minutes are out', 'outgoing'],
        ['thanks', 'incoming'],
      ]);
      expect(session.db.prepare('SELECT parser_version, producer FROM sources').raw().get()).toEqual(['toy/1', 'Toy']);
    } finally {
      closeCase(session);
    }
  });

  it('is no longer known once unregistered', async () => {
    const path = toyFile(['Ann Gray: morning']);
    unregister = registerFormat(toy);
    expect(await detectFormat(singleFile(path))).toBe('rsmf');
    unregister();
    unregister = null;
    await expect(detectFormat(singleFile(path))).rejects.toThrow(/not a recognised export/);
  });

  it('is refused, naming the parser, when it gives an attachment it declares it has none of', async () => {
    unregister = registerFormat({
      ...toy,
      parse: async function* (files, options) {
        for await (const events of parseToy(files, options)) {
          yield events.map((e): ParseEvent =>
            e.type === 'message'
              ? {
                  ...e,
                  message: {
                    ...e.message,
                    attachments: [{ fileName: 'a.jpg', mime: null, pathInSource: null, present: false, missingReason: 'x' }],
                  },
                }
              : e,
          );
        }
      },
    });
    const session = makeCase(tempDir());
    try {
      await expect(
        importSource(
          session.writable!,
          { path: toyFile(['Ann Gray: morning']), custodian: 'Dan Ross', timeZone: 'Europe/London' },
          { actor: 't', parseThread: false },
        ),
      ).rejects.toThrow(/rsmf parser gave an attachment/);
      expect(session.db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(0);
    } finally {
      closeCase(session);
    }
  });
});
