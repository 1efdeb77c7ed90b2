/**
 * Issue 13: random case, compatibility forms, zero-width characters and combining overlays of redacted
 * words, inserted into random text, are all found by the sweep, and once redacted none is left in
 * what is produced — by the verifier's search and by an independent one that shares no code with
 * the matcher.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { applyRedactions } from '../../../common/domain/redaction';
import { checkableNeedles, findLeaks } from '../../../main/export/leaks';
import { exportBundle } from '../../../main/export/run';
import { finderFor } from '../../../main/redact/occurrences';
import { applySweep, runSweep } from '../../../main/redact/sweep';
import { decide } from '../../../main/review/decisions';
import { OccurrenceTargetSchema, SweepRequestSchema } from '../../../common/contract/channels/redaction';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { useTempDir } from '../../helpers/temp';
import { exportSettings } from '../export/settings';
import { caseWithBodies } from './seed';

const WORDS = ['Kestrel', 'Staffin', 'Morag'] as const;
const ZERO_WIDTH = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\ufe0f', '\ufe0e'];
const OVERLAYS = ['\u0334', '\u0335', '\u0336', '\u0337', '\u0338', '\u20d2', '\u20d3', '\u20e5', '\u20e6', '\u0301'];
const LIGATURES: readonly [string, string][] = [
  ['ffi', '\ufb03'],
  ['ff', '\ufb00'],
  ['fi', '\ufb01'],
];
/** Filler holds none of the words' letters, so it can never spell one (however the search treats spaces). */
const FILLER = [...'bcdhjpquvwxyzBCDHJPQUVWXYZ0123456789 .,;!?()-\n', '😀', '€', 'ß', 'Ж', '中'];

/**
 * One spelling of `word`: each letter in some case, maybe fullwidth, maybe followed by an invisible
 * character or an overlay; maybe a ligature.
 */
const variant = (word: string): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.boolean(), fc.boolean(), fc.constantFrom('', '', ...ZERO_WIDTH), fc.constantFrom('', '', ...OVERLAYS)), {
        minLength: word.length,
        maxLength: word.length,
      }),
      fc.boolean(),
    )
    .map(([letters, ligature]) => {
      let spelled = [...word]
        .map((ch, i) => {
          const [upper, wide, invisible, overlay] = letters[i]!;
          const cased = upper ? ch.toUpperCase() : ch.toLowerCase();
          const shaped = wide ? String.fromCodePoint(cased.codePointAt(0)! + 0xfee0) : cased;
          // The last letter keeps its overlay but no trailing invisible character, so the span is the word's own.
          return shaped + overlay + (i < word.length - 1 ? invisible : '');
        })
        .join('');
      if (ligature) for (const [plain, lig] of LIGATURES) spelled = spelled.replace(plain, lig);
      return spelled;
    });

const filler = fc.array(fc.constantFrom(...FILLER), { maxLength: 20 }).map((chars) => chars.join(''));

/** Random text with spellings of one word at known places, each set off by spaces. */
const textWithVariants = fc.constantFrom(...WORDS).chain((word) =>
  fc.array(fc.tuple(filler, variant(word)), { minLength: 1, maxLength: 5 }).chain((parts) =>
    filler.map((tail) => {
      let text = '';
      const placed: { start: number; end: number }[] = [];
      for (const [before, spelled] of parts) {
        text += `${before} `;
        placed.push({ start: text.length, end: text.length + spelled.length });
        text += `${spelled} `;
      }
      return { word, text: text + tail, placed };
    }),
  ),
);

/** The independent search: compatibility-decomposed, marks and format characters dropped, lower case, no white space. */
const plain = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\p{M}\p{Cf}\u034f\ufe00-\ufe0f]/gu, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s/gu, '');

const occurrences = (word: string) => finderFor(OccurrenceTargetSchema.parse({ kind: 'text', text: word }));

const pdftotext = (path: string): string => spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).stdout;

describe('dodged spellings of redacted words', () => {
  const tempDir = useTempDir('dd-dodges-prop-');

  it('the sweep finds every spelling exactly, and the redacted text holds none for the verifier or an independent search', () => {
    fc.assert(
      fc.property(textWithVariants, ({ word, text, placed }) => {
        const found = occurrences(word)([{ id: 1, conversationId: 1, body: text }]).get(1) ?? [];
        expect(found).toEqual(placed);
        const needle = checkableNeedles([{ text: word, source: { kind: 'redacted-text', messageId: 1, reasonCodes: ['x'] } }]).needles;
        expect(findLeaks([{ text }], needle)).toHaveLength(1);
        expect(plain(text)).toContain(word.toLowerCase());

        const printed = applyRedactions(
          text,
          found.map((s) => ({ kind: 'span' as const, ...s, reasonCode: 'x' })),
          () => 'REDACTED',
        );
        const output = printed.kind === 'whole' ? '' : printed.segments.map((s) => (s.kind === 'text' ? s.text : '[REDACTED]')).join('');
        expect(findLeaks([{ text: output }], needle)).toEqual([]);
        expect(plain(output)).not.toContain(word.toLowerCase());
      }),
      { numRuns: 300 },
    );
  });

  // Each run imports, sweeps, exports and verifies a whole case (a few seconds): two runs, and a limit to match.
  it('a case whose bodies, sender, title, source file and attachment spell them so exports none of them once swept', async () => {
    const word = 'Kestrel';
    await fc.assert(
      fc.asyncProperty(
        fc.array(textWithVariants, { minLength: 6, maxLength: 6 }),
        fc.array(variant(word), { minLength: 4, maxLength: 4 }),
        async (cases, spelled) => {
          const bodies = cases.map((c) => c.text);
          const dir = tempDir();
          const { session, db, ids, conversationId, sourceId } = caseWithBodies(dir, bodies);
          db.prepare('UPDATE conversations SET title = ? WHERE id = ?').run(`Chat ${spelled[0]}`, conversationId);
          db.prepare('UPDATE sources SET file_name = ? WHERE id = ?').run(`WhatsApp Chat with ${spelled[1]}.txt`, sourceId);
          const sender = Number(
            db.prepare("INSERT INTO participants (source_id, source_key, label) VALUES (?, 'k', ?)").run(sourceId, `${spelled[2]} ops`)
              .lastInsertRowid,
          );
          db.prepare('INSERT INTO conversation_participants (conversation_id, participant_id) VALUES (?, ?)').run(conversationId, sender);
          db.prepare('UPDATE messages SET sender_participant_id = ? WHERE id = ?').run(sender, ids[0]);
          db.prepare(
            "INSERT INTO attachments (message_id, file_name, present, missing_reason) VALUES (?, ?, 0, 'not included in the export')",
          ).run(ids[1], `${spelled[3]}-map.jpg`);
          decide(db, DecideArgsSchema.parse({ selector: { kind: 'all' }, change: { outcome: 'disclose' } }), 'test-reviewer');

          for (const w of new Set([word, ...cases.map((c) => c.word)])) {
            const sweep = await runSweep(
              db,
              SweepRequestSchema.parse({ kind: 'occurrences', scope: { kind: 'case' }, target: { kind: 'text', text: w } }),
            );
            const expected = cases.filter((c) => c.word === w).reduce((n, c) => n + c.placed.length, 0) + (w === word ? spelled.length : 0);
            expect(sweep.hits.filter((h) => !h.alreadyRedacted)).toHaveLength(expected);
            applySweep(db, { state: 'complete', result: sweep }, { kind: 'all', except: [] }, 'personal-third-party', '', 'test-reviewer');
          }
          const out = join(dir, 'bundle');
          const result = await exportBundle(db, session.meta, exportSettings(out), {
            actor: 'test-reviewer',
            appVersion: '0.0.0-test',
            casePath: session.path,
            acknowledged: 'as-listed',
          });
          expect(result.verification.ok).toBe(true);
          const files = readdirSync(out);
          const outputs = [
            pdftotext(
              join(
                out,
                files.find((f) => f.endsWith('.pdf'))!,
              ),
            ),
            readFileSync(join(out, 'schedule.csv'), 'utf8'),
            spawnSync('unzip', ['-p', join(out, 'schedule.xlsx')], { encoding: 'utf8' }).stdout,
            readFileSync(join(out, 'manifest.json'), 'utf8'),
          ].map(plain);
          for (const w of [word, ...cases.map((c) => c.word)]) for (const text of outputs) expect(text).not.toContain(w.toLowerCase());
          closeCase(session);
        },
      ),
      { numRuns: 2 },
    );
  }, 90_000);
});
