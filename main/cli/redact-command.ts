/**
 * `disclosure-desk redact` (docs/spec.md §8): one span or whole-item redaction of a message, every
 * occurrence of a text or pattern (in bodies, sender labels, titles, source file names and attachment
 * names), or one participant's label, conversation's title, source's file name or attachment's name,
 * with a reason code.
 * Same schemas and services as the app: every occurrence is found by one sweep of the whole scope
 * (main/redact/sweep.ts; progress on stderr when it takes a while, Ctrl+C cancels it) and then applied
 * as one batch (one audit entry); --dry-run stops after the sweep and lists each hit with its context.
 */
import { ReadOnlyCaseError } from '../../db/errors';
import type { ReadableDB, WritableDB } from '../../db/connection';
import {
  AddRedactionArgsSchema,
  ApplySweepArgsSchema,
  RedactFileNameArgsSchema,
  RedactLabelArgsSchema,
  SweepRequestSchema,
  type OccurrenceTarget,
  type OutcomeMove,
  type SweepHit,
} from '../../common/contract/channels/redaction';
import { closeCase, openCase } from '../cases/service';
import { redactFileName } from '../redact/file-names';
import { redactLabel } from '../redact/labels';
import { addRedaction } from '../redact/redactions';
import { applySweep, runSweep, type SweepProgress, type SweepResult } from '../redact/sweep';
import type { Command } from './commands';
import { cancelOnInterrupt, parseWith, UsageError, type CliIo } from './io';

type Values = Readonly<Record<string, string | boolean | undefined>>;

/** The open case: read for previews, written only through `writable()`, which refuses a read-only case. */
interface Target {
  readonly db: ReadableDB;
  readonly writable: () => WritableDB;
  /** The reviewer recorded on the redaction. */
  readonly actor: string;
}

const str = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

function wholeNumber(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${what}: "${text}" is not a whole number`);
  return Number(text);
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const describeMoves = (moves: readonly OutcomeMove[]): string => {
  const byTo = new Map<string, number>();
  for (const m of moves) byTo.set(m.to, (byTo.get(m.to) ?? 0) + 1);
  return [...byTo].map(([to, n]) => ` ${plural(n, 'message')} moved to ${to}.`).join('');
};

/** Progress on stderr once a sweep has run this long: a short one stays quiet. */
const QUIET_MS = 1000;

function progressLine(io: CliIo): (progress: SweepProgress) => void {
  const started = Date.now();
  return ({ scanned, total, hits }) => {
    if (Date.now() - started < QUIET_MS) return;
    io.err(
      `Scanning: ${scanned.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} messages, ${plural(hits, 'occurrence')} so far…`,
    );
  };
}

/** Every hit in the scope: one sweep, read to the end (Ctrl+C cancels it, and nothing is changed). */
async function sweepOccurrences(
  db: ReadableDB,
  target: OccurrenceTarget,
  conversationId: number | undefined,
  io: CliIo,
): Promise<SweepResult> {
  const request = parseWith(SweepRequestSchema, {
    kind: 'occurrences',
    target,
    scope: conversationId === undefined ? { kind: 'case' } : { kind: 'conversation', conversationId },
  });
  return cancelOnInterrupt((token) => runSweep(db, request, { token, onProgress: progressLine(io) }));
}

const FIELD_WORDS: Readonly<Record<Exclude<SweepHit['field'], 'body'>, string>> = {
  sender: 'sender label of participant',
  title: 'title of conversation',
  'source-file': 'file name of source',
  attachment: 'name of attachment',
};

/** "#12 3–10" for a body, "title of conversation #4 (with message #12)" for a name (redacted whole). */
const whereHit = (h: SweepHit): string =>
  h.field === 'body' ? `#${h.messageId} ${h.start}–${h.end}` : `${FIELD_WORDS[h.field]} #${h.targetId} (with message #${h.messageId})`;

async function everyOccurrence({ db, writable, actor }: Target, values: Values, json: boolean, io: CliIo): Promise<void> {
  const text = str(values.text);
  const target: OccurrenceTarget =
    text !== undefined
      ? { kind: 'text', text, caseSensitive: values['case-sensitive'] === true, wholeWord: values.partial !== true }
      : { kind: 'pattern', pattern: str(values.pattern) ?? '', flags: str(values.flags) ?? '' };
  const reasonCode = str(values.reason);
  const note = str(values.note);
  const sweep = await sweepOccurrences(db, target, wholeNumber(str(values.conversation), '--conversation'), io);
  const { hits } = sweep;
  const fresh = hits.filter((h) => !h.alreadyRedacted);
  if (values['dry-run'] === true) {
    if (json) io.out(JSON.stringify({ total: hits.length, alreadyRedacted: hits.length - fresh.length, hits }));
    else {
      for (const h of hits)
        io.out(
          `${whereHit(h)}${h.alreadyRedacted ? ' (already redacted)' : ''}: …${h.context.before}[${h.context.match}]${h.context.after}…`,
        );
      io.out(`${plural(hits.length, 'occurrence')} found, ${fresh.length} not yet redacted. Nothing was changed (--dry-run).`);
    }
    return;
  }
  if (fresh.length === 0) {
    io.out(
      json
        ? JSON.stringify({ added: 0, alreadyRedacted: hits.length, messages: 0, outcomeMoves: [] })
        : `No occurrences to redact (${hits.length} found, all already redacted).`,
    );
    return;
  }
  const args = parseWith(ApplySweepArgsSchema.pick({ reasonCode: true, note: true }), { reasonCode, note });
  const result = applySweep(
    writable(),
    { state: 'complete', result: sweep },
    { kind: 'all', except: [] },
    args.reasonCode,
    args.note,
    actor,
  );
  io.out(
    json
      ? JSON.stringify(result)
      : `Redacted ${plural(result.added, 'occurrence')} in ${plural(result.messages, 'message')}` +
          `${result.names ? ` and ${plural(result.names, 'name')} (sender, title, source file or attachment)` : ''}` +
          `${result.alreadyRedacted ? ` (${result.alreadyRedacted} already redacted)` : ''}.${describeMoves(result.outcomeMoves)}`,
  );
}

function oneMessage({ writable, actor }: Target, values: Values, json: boolean, io: CliIo): void {
  const messageId = wholeNumber(str(values.message), '--message');
  const whole = values.whole === true;
  const start = wholeNumber(str(values.start), '--start');
  const end = wholeNumber(str(values.end), '--end');
  if (whole && (start !== undefined || end !== undefined))
    throw new UsageError('--whole withholds the whole item: leave out --start and --end');
  if (!whole && (start === undefined || end === undefined))
    throw new UsageError('--message needs --start and --end (UTF-16 offsets), or --whole');
  const common = { messageId, reasonCode: str(values.reason), note: str(values.note) };
  const args = parseWith(AddRedactionArgsSchema, whole ? { kind: 'whole', ...common } : { kind: 'span', start, end, ...common });
  if (values['dry-run'] === true) throw new UsageError('--dry-run previews --text or --pattern; a single redaction has nothing to preview');
  const result = addRedaction(writable(), args, actor);
  const r = result.redaction;
  io.out(
    json
      ? JSON.stringify(result)
      : `Added redaction #${r.id} to message #${r.messageId}${r.kind === 'span' ? ` (${r.start}–${r.end})` : ' (whole item)'}: ${r.label}.` +
          describeMoves(result.outcomeMoves),
  );
}

/** A source's file name (--source-file) or an attachment's name (--attachment). */
function oneFileName({ writable, actor }: Target, values: Values, json: boolean, io: CliIo): void {
  if (values['dry-run'] === true)
    throw new UsageError('--dry-run previews --text or --pattern; a file name redaction has nothing to preview');
  const sourceId = wholeNumber(str(values['source-file']), '--source-file');
  const attachmentId = wholeNumber(str(values.attachment), '--attachment');
  const common = { reasonCode: str(values.reason), note: str(values.note) };
  const args = parseWith(RedactFileNameArgsSchema, sourceId !== undefined ? { sourceId, ...common } : { attachmentId, ...common });
  const result = redactFileName(writable(), args, actor);
  const r = result.redaction;
  const what = r.sourceId !== null ? `the file name of source #${r.sourceId}` : `the name of attachment #${r.attachmentId}`;
  io.out(
    json
      ? JSON.stringify(result)
      : `Added file name redaction #${r.id} hiding ${what}: ${r.label}.${result.replaced ? ` It replaces #${result.replaced}.` : ''}`,
  );
}

/** A participant's label (--participant) or a conversation's title (--conversation-title). */
function oneLabel({ writable, actor }: Target, values: Values, json: boolean, io: CliIo): void {
  if (values['dry-run'] === true) throw new UsageError('--dry-run previews --text or --pattern; a label redaction has nothing to preview');
  const participantId = wholeNumber(str(values.participant), '--participant');
  const conversationId = wholeNumber(str(values['conversation-title']), '--conversation-title');
  const common = { reasonCode: str(values.reason), note: str(values.note) };
  const args = parseWith(RedactLabelArgsSchema, participantId !== undefined ? { participantId, ...common } : { conversationId, ...common });
  const result = redactLabel(writable(), args, actor);
  const r = result.redaction;
  const what = r.participantId !== null ? `the label of participant #${r.participantId}` : `the title of conversation #${r.conversationId}`;
  io.out(
    json
      ? JSON.stringify(result)
      : `Added label redaction #${r.id} hiding ${what}: ${r.label}.${result.replaced ? ` It replaces #${result.replaced}.` : ''}`,
  );
}

export const redactCommand: Command = {
  usage:
    'redact <case> (--message <id> (--start <n> --end <n> | --whole) | --pattern <regex> [--flags <ims>] | --text <s> [--case-sensitive] [--partial] ' +
    '| --participant <id> | --conversation-title <id> | --source-file <id> | --attachment <id>) ' +
    '--reason <code> [--note <text>] [--conversation <id>] [--dry-run]',
  options: {
    message: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    whole: { type: 'boolean' },
    pattern: { type: 'string' },
    flags: { type: 'string' },
    text: { type: 'string' },
    'case-sensitive': { type: 'boolean' },
    partial: { type: 'boolean' },
    reason: { type: 'string' },
    note: { type: 'string' },
    conversation: { type: 'string' },
    participant: { type: 'string' },
    'conversation-title': { type: 'string' },
    'source-file': { type: 'string' },
    attachment: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run({ positionals, values, json, actor }, io) {
    const [casePath, ...rest] = positionals;
    if (casePath === undefined) throw new UsageError('missing <case> path');
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const targets = [
      values.message,
      values.pattern,
      values.text,
      values.participant,
      values['conversation-title'],
      values['source-file'],
      values.attachment,
    ];
    if (targets.filter((v) => v !== undefined).length !== 1) {
      throw new UsageError(
        'choose exactly one of --message, --pattern, --text, --participant, --conversation-title, --source-file or --attachment',
      );
    }
    if (values.reason === undefined && values['dry-run'] !== true)
      throw new UsageError('--reason <code> is required (e.g. personal-contact)');
    // A dry run only reads: opening the case read-only guarantees it.
    const session = openCase(casePath, { readOnly: values['dry-run'] === true });
    try {
      const target: Target = {
        db: session.db,
        actor,
        writable: () => {
          if (!session.writable) throw new ReadOnlyCaseError(session.path, 'redactions cannot be added');
          return session.writable;
        },
      };
      if (values.message !== undefined) oneMessage(target, values, json, io);
      else if (values.participant !== undefined || values['conversation-title'] !== undefined) oneLabel(target, values, json, io);
      else if (values['source-file'] !== undefined || values.attachment !== undefined) oneFileName(target, values, json, io);
      else await everyOccurrence(target, values, json, io);
    } finally {
      closeCase(session);
    }
  },
};
