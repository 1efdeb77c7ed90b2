/**
 * Which messages a bundle produces, cut into document units, and what each extract shows.
 *
 * - Produced: a message in the scope (custodians, dates, query) whose outcome is one of the scope's
 *   outcomes (default disclose and disclose with redactions; pending too when asked) and that is not
 *   withheld whole by a redaction.
 * - Withheld: outcome `withhold`, or a live whole-item redaction. Shown only inside an extract that
 *   produces something, collapsed into one line per run with the same reason, so the reader sees
 *   that and why something was held back — never what. The query does not apply to them: a run of
 *   withheld messages between two produced ones is shown whether or not it matches the words.
 * - Anything else in range (pending, outside the query) is simply not part of the bundle.
 * - Duplicates (the same message collected from several custodians' devices) are produced once, at
 *   their first place in bundle order, noting the other holders.
 *
 * Messages are read with iterators per extract, twice per export (count, then draw); only plans
 * (a few numbers per document unit) are held for the whole bundle. A body longer than
 * INLINE_BODY_BYTES is never one string: it is read, redacted and laid out piece by piece (long-body.ts).
 */
import type { ReadableDB } from '../../db/connection';
import {
  conversationAttachments,
  conversationParticipants,
  duplicateHolders,
  messagesBetween,
  reasonLabels,
  redactionsAsOf,
  replyTarget,
  scanConversation,
  scopeConversations,
  type ExportAttachmentRow,
  type ExportConversationRow,
  type ExportMessageRow,
  type ScopeFilter,
} from '../../db/queries/export';
import type { DocumentUnit, Outcome } from '../../common/domain/model';
import { applyRedactions, applyRedactionsToPieces, mergeSpans, widenToCharacters, type BodyPiece, type LiveRedaction, type RedactedStream, type RedactedText, type RedactionSegment } from '../../common/domain/redaction';
import { printedLabels, printedLabelText, type PrintedLabels } from '../redact/printed-labels';
import { selectMessageIds } from '../search/select';
import type { Entry, LabelledValue, MessageEntry, WithheldEntry } from './layout';
import type { Needle } from './leaks';
import { bodyNeedles, bodyPieces, boundedNeedles, LONG_BODIES, SpanSample, type LongBodies } from './long-body';
import { dayKey, localDay, localSpan, localStamp } from './times';

export interface ScopeSettings {
  readonly query: string | null;
  readonly custodianIds: readonly number[] | null;
  readonly from: number | null;
  readonly to: number | null;
  readonly outcomes: readonly Outcome[];
  readonly includePending: boolean;
}

/** One reference's worth of material: a conversation, or one day of it. */
export interface DocumentPlan {
  readonly conversation: ExportConversationRow;
  readonly fromPosition: number;
  readonly toPosition: number;
  /** The calendar day (YYYY-MM-DD in the case's zone) of a 24-hour slice; null for a whole conversation. */
  readonly day: string | null;
  readonly produced: number;
  readonly firstAt: number | null;
  readonly lastAt: number | null;
}

export interface ScopePlan {
  readonly documents: readonly DocumentPlan[];
  readonly produced: number;
  readonly withheld: number;
  /** Of the watched messages, those produced, with the index of the document that produces each. */
  readonly watched: ReadonlyMap<number, number>;
}

/** What reading a document's entries needs, built once per export. */
export interface ScopeContext {
  readonly db: ReadableDB;
  readonly filter: ScopeFilter;
  readonly zone: string;
  readonly outcomes: ReadonlySet<string>;
  /** Ids the query matched; null when there is no query. */
  readonly matched: ReadonlySet<number> | null;
  readonly redactions: ReadonlyMap<number, LiveRedaction[]>;
  readonly labels: ReadonlyMap<string, string>;
  /** Participant labels and conversation titles as printed, redacted ones as boxes. */
  readonly printed: PrintedLabels;
  /** Duplicate group → the message produced for it (the first in bundle order) and every holder. */
  readonly duplicates: ReadonlyMap<number, { readonly canonical: number; readonly holders: readonly { messageId: number; custodian: string }[] }>;
  readonly longBodies: LongBodies;
}

export const WITHHELD_WITHOUT_REASON = 'withheld on review';

export function scopeContext(db: ReadableDB, settings: ScopeSettings, zone: string, longBodies: LongBodies = LONG_BODIES): ScopeContext {
  const filter: ScopeFilter = { custodianIds: settings.custodianIds, from: settings.from, to: settings.to };
  const outcomes = new Set<string>(settings.outcomes);
  if (settings.includePending) outcomes.add('pending');
  outcomes.delete('withhold');
  const matched = settings.query?.trim()
    ? new Set(
        selectMessageIds(db, settings.query, {
          ...(settings.custodianIds ? { custodianIds: [...settings.custodianIds] } : {}),
          ...(settings.from !== null ? { sentFrom: settings.from } : {}),
          ...(settings.to !== null ? { sentTo: settings.to } : {}),
        }),
      )
    : null;
  const redactions = new Map<number, LiveRedaction[]>();
  for (const r of redactionsAsOf(db, null)) {
    const list = redactions.get(r.messageId) ?? [];
    list.push(r.kind === 'whole' ? { kind: 'whole', reasonCode: r.reasonCode } : { kind: 'span', start: r.start ?? 0, end: r.end ?? 0, reasonCode: r.reasonCode });
    redactions.set(r.messageId, list);
  }
  const groups = new Map<number, { canonical: number; holders: { messageId: number; custodian: string }[] }>();
  for (const [group, holders] of duplicateHolders(db)) groups.set(group, { canonical: 0, holders });
  const labels = reasonLabels(db);
  const printed = printedLabels(db, (code) => labels.get(code) ?? code);
  return { db, filter, zone, outcomes, matched, redactions, labels, printed, duplicates: groups, longBodies };
}

type Role = 'produced' | 'withheld' | 'none';

function roleOf(ctx: ScopeContext, row: { id: number; outcome: string; whole: number; duplicateGroupId: number | null }): Role {
  if (row.outcome === 'withhold' || row.whole) return 'withheld';
  if (!ctx.outcomes.has(row.outcome)) return 'none';
  if (ctx.matched && !ctx.matched.has(row.id)) return 'none';
  if (row.duplicateGroupId !== null) {
    const group = ctx.duplicates.get(row.duplicateGroupId) as { canonical: number } | undefined;
    if (group) {
      if (group.canonical === 0) group.canonical = row.id;
      else if (group.canonical !== row.id) return 'none';
    }
  }
  return 'produced';
}

interface Slice {
  watched: number[];
  from: number;
  to: number;
  day: string | null;
  produced: number;
  withheld: number;
  firstAt: number | null;
  lastAt: number | null;
}

/**
 * Cuts the scope into document units. A unit with nothing produced gets no reference. In day mode an
 * undated message stays in the slice of the message before it (source order is the truth of a chat).
 * `watch`: messages whose document the caller needs (the consistency report's candidates).
 */
export function planDocuments(ctx: ScopeContext, unit: DocumentUnit, watch: ReadonlySet<number> = new Set()): ScopePlan {
  const documents: DocumentPlan[] = [];
  const watched = new Map<number, number>();
  let produced = 0;
  let withheld = 0;
  for (const conversation of scopeConversations(ctx.db, ctx.filter)) {
    // `as`: the closure below resets it, which TypeScript's narrowing cannot see.
    let current = null as Slice | null;
    const close = (): void => {
      if (current && current.produced > 0) {
        for (const id of current.watched) watched.set(id, documents.length);
        documents.push({ conversation, fromPosition: current.from, toPosition: current.to, day: current.day, produced: current.produced, firstAt: current.firstAt, lastAt: current.lastAt });
        produced += current.produced;
        withheld += current.withheld;
      }
      current = null;
    };
    for (const row of scanConversation(ctx.db, conversation.id, ctx.filter)) {
      const role = roleOf(ctx, row);
      if (role === 'none') continue;
      const day: string | null = unit === 'day' ? (row.sentAt === null ? (current?.day ?? 'undated') : dayKey(row.sentAt, ctx.zone)) : null;
      if (current && current.day !== day) close();
      current ??= { watched: [], from: row.position, to: row.position, day, produced: 0, withheld: 0, firstAt: null, lastAt: null };
      current.to = row.position;
      if (role === 'produced') {
        current.produced++;
        if (watch.has(row.id)) current.watched.push(row.id);
      } else current.withheld++;
      if (row.sentAt !== null) {
        current.firstAt ??= row.sentAt;
        current.lastAt = row.sentAt;
      }
    }
    close();
  }
  return { documents, produced, withheld, watched };
}

const PLATFORM_LABELS: Readonly<Record<string, string>> = {
  whatsapp: 'WhatsApp',
  sms: 'SMS',
  imessage: 'iMessage',
  telegram: 'Telegram',
  signal: 'Signal',
  other: 'Other',
};

/** The conversation's title as the extract heading, the index and the schedule print it. */
export const extractTitle = (ctx: ScopeContext, plan: DocumentPlan): RedactedText => ctx.printed.title(plan.conversation.id, plan.conversation.title);

export function extractDetails(ctx: ScopeContext, plan: DocumentPlan, reference: string): LabelledValue[] {
  const c = plan.conversation;
  return [
    { label: 'Reference', value: reference },
    { label: 'Platform', value: `${PLATFORM_LABELS[c.platform] ?? c.platform} (${c.kind === 'direct' ? 'one-to-one' : c.kind})` },
    { label: 'Participants', value: ctx.printed.list(conversationParticipants(ctx.db, c.id), ', ') },
    { label: 'Custodian', value: c.custodian },
    { label: 'Device', value: c.deviceLabel },
    { label: 'Source file', value: ctx.printed.sourceFile(c.sourceId, c.sourceFile) },
    { label: 'Source SHA-256', value: c.sourceSha256 },
    ...(plan.day === null ? [] : [{ label: 'Extract', value: plan.day === 'undated' ? 'undated messages' : `${localDay(plan.firstAt ?? 0, ctx.zone)} (${ctx.zone})` }]),
    { label: 'Period', value: localSpan(plan.firstAt, plan.lastAt, ctx.zone) },
  ];
}

function attachmentLine(ctx: ScopeContext, a: ExportAttachmentRow): string {
  const printed = a.fileName === null ? null : ctx.printed.attachment(a.id, a.fileName);
  const name = printed === null ? 'unnamed file' : printedLabelText(printed);
  const what = a.mime ? ` (${a.mime})` : '';
  // A missing file's reason can quote its path: not printed when the name is redacted.
  const why = a.missingReason && printed?.kind !== 'whole' ? `: ${a.missingReason}` : '';
  return a.present ? `${name}${what} — not embedded` : `${name}${what} — not in the export${why}`;
}

/**
 * What a message's redactions hide, for the leak check: each span's own text (widened to whole
 * characters, as applying it does) and each merged box's, with the reasons hiding it. Both, because
 * a span's text can appear elsewhere on its own ("Morag" redacted here, disclosed in another
 * message) even when the merged box's longer text does not.
 */
export function hiddenNeedles(messageId: number, body: string, redactions: readonly LiveRedaction[]): Needle[] {
  if (redactions.some((r) => r.kind === 'whole')) return boundedNeedles(body, { kind: 'withheld-item', messageId });
  const spans = redactions.flatMap((r) => (r.kind === 'span' ? [{ ...widenToCharacters(body, r), reasonCodes: [r.reasonCode] }] : []));
  return spanNeedles(messageId, [...spans, ...mergeSpans(spans)].map((s) => ({ texts: [body.slice(s.start, s.end)], reasonCodes: s.reasonCodes })));
}

/** One needle per distinct hidden text (each bounded), carrying every reason that hides it. */
function spanNeedles(messageId: number, spans: readonly { texts: readonly string[]; reasonCodes: readonly string[] }[]): Needle[] {
  const needles = new Map<string, Set<string>>();
  for (const s of spans) {
    for (const whole of s.texts) {
      for (const { text } of boundedNeedles(whole, { kind: 'withheld-item', messageId })) needles.set(text, new Set([...(needles.get(text) ?? []), ...s.reasonCodes]));
    }
  }
  return [...needles].map(([text, codes]) => ({ text, source: { kind: 'redacted-text', messageId, reasonCodes: [...codes].sort() } }));
}

/**
 * A body longer than INLINE_BODY_BYTES, redacted as its pieces are read: the layout draws it as they
 * come, and what its boxes hide is sampled on the way (SpanSample) and reported once it has been read.
 */
function streamedText(ctx: ScopeContext, row: ExportMessageRow, labelOf: (code: string) => string, sink: ExtractSink): RedactedText | RedactedStream {
  let samples: { sample: SpanSample; reasonCodes: readonly string[] }[] = [];
  const read = function* (): Generator<BodyPiece> {
    for (const piece of bodyPieces(ctx.db, row.id, ctx.longBodies.pieceChars)) {
      for (const s of samples) s.sample.feed(piece);
      yield piece;
    }
  };
  const text = applyRedactionsToPieces(read, ctx.redactions.get(row.id) ?? [], labelOf);
  if (text.kind !== 'stream') return text;
  samples = [...text.spans, ...mergeSpans(text.spans)].map((s) => ({ sample: new SpanSample(s.start, s.end), reasonCodes: s.reasonCodes }));
  const segments = text.segments;
  return {
    ...text,
    segments: {
      *[Symbol.iterator]() {
        for (const segment of segments) {
          sink.segment(row.id, segment);
          yield segment;
        }
        for (const needle of spanNeedles(row.id, samples.map((s) => ({ texts: s.sample.texts(), reasonCodes: s.reasonCodes })))) sink.hidden(needle);
      },
    },
  };
}

/**
 * hiddenNeedles for a body longer than INLINE_BODY_BYTES, read in pieces (for verifying a bundle
 * later, when no layout reads it): withheld whole, its two ends; else what its spans hide, sampled.
 */
export function hiddenNeedlesInPieces(db: ReadableDB, messageId: number, redactions: readonly LiveRedaction[], pieceChars = LONG_BODIES.pieceChars): Needle[] {
  const read = (): Iterable<BodyPiece> => bodyPieces(db, messageId, pieceChars);
  const text = applyRedactionsToPieces(read, redactions, (code) => code);
  if (text.kind !== 'stream') return bodyNeedles(db, messageId, null);
  const samples = [...text.spans, ...mergeSpans(text.spans)].map((s) => ({ sample: new SpanSample(s.start, s.end), reasonCodes: s.reasonCodes }));
  if (samples.length > 0) for (const piece of read()) for (const s of samples) s.sample.feed(piece);
  return spanNeedles(messageId, samples.map((s) => ({ texts: s.sample.texts(), reasonCodes: s.reasonCodes })));
}

/** A produced message, its place, and the text the layout may draw. */
export interface ProducedItem {
  readonly row: ExportMessageRow;
  /** A stream for a body longer than INLINE_BODY_BYTES: its segments are produced as the layout reads them. */
  readonly text: RedactedText | RedactedStream;
}

/** What reading an extract reports besides its entries: for the schedule and the leak check. */
export interface ExtractSink {
  produced(item: ProducedItem): void;
  withheld(row: ExportMessageRow): void;
  /** Each segment of a produced message's text, as it is laid out (a streamed body's as it is read). */
  segment(messageId: number, segment: RedactionSegment): void;
  /** What a produced message's redaction boxes hide (never drawn); for a streamed body, once it has been read. */
  hidden(needle: Needle): void;
}

/** A sink that wants nothing reported (the preview). */
export const IGNORING_SINK: ExtractSink = { produced: () => undefined, withheld: () => undefined, segment: () => undefined, hidden: () => undefined };

/**
 * The entries of one document unit, read lazily. Consecutive withheld messages with the same reason
 * collapse into one line; a change of reason starts a new line.
 */
export function* documentEntries(ctx: ScopeContext, plan: DocumentPlan, sink: ExtractSink): Generator<Entry> {
  const attachments = new Map<number, string[]>();
  for (const a of conversationAttachments(ctx.db, plan.conversation.id)) {
    const list = attachments.get(a.messageId) ?? [];
    list.push(attachmentLine(ctx, a));
    attachments.set(a.messageId, list);
  }
  const labelOf = (code: string): string => ctx.labels.get(code) ?? code;
  let run: { ids: number[]; label: string; from: number | null; to: number | null } | null = null;
  const flush = (): WithheldEntry | null => {
    if (!run) return null;
    const entry: WithheldEntry = { kind: 'withheld', messageIds: run.ids, label: run.label, span: localSpan(run.from, run.to, ctx.zone) };
    run = null;
    return entry;
  };
  for (const row of messagesBetween(ctx.db, plan.conversation.id, plan.fromPosition, plan.toPosition, ctx.filter, ctx.longBodies.inlineBytes)) {
    const role = roleOf(ctx, row);
    if (role === 'none') continue;
    if (role === 'withheld') {
      sink.withheld(row);
      // Only a whole-item redaction names the reason; the text itself is not needed.
      const whole = (ctx.redactions.get(row.id) ?? []).filter((r) => r.kind === 'whole');
      const label = whole.length > 0 ? (applyRedactions('', whole, labelOf) as { label: string }).label : WITHHELD_WITHOUT_REASON;
      if (run && run.label !== label) {
        const entry = flush();
        if (entry) yield entry;
      }
      run ??= { ids: [], label, from: null, to: null };
      run.ids.push(row.id);
      if (row.sentAt !== null) {
        run.from ??= row.sentAt;
        run.to = row.sentAt;
      }
      continue;
    }
    const pending = flush();
    if (pending) yield pending;
    const redactions = ctx.redactions.get(row.id) ?? [];
    const text = row.body === null ? streamedText(ctx, row, labelOf, sink) : applyRedactions(row.body, redactions, labelOf);
    sink.produced({ row, text });
    if (row.body !== null) for (const needle of hiddenNeedles(row.id, row.body, redactions)) sink.hidden(needle);
    if (text.kind === 'text') for (const segment of text.segments) sink.segment(row.id, segment);
    yield messageEntry(ctx, row, text, attachments.get(row.id) ?? []);
  }
  const last = flush();
  if (last) yield last;
}

function messageEntry(ctx: ScopeContext, row: ExportMessageRow, text: RedactedText | RedactedStream, attachments: readonly string[]): MessageEntry {
  const flags: string[] = [];
  if (row.edited !== 'none') flags.push('edited');
  if (row.deleted === 'placeholder') flags.push('deleted by the sender');
  if (row.deleted === 'recovered') flags.push('recovered deleted record');
  if (row.replyToMessageId !== null) {
    const target = replyTarget(ctx.db, row.replyToMessageId);
    if (target) {
      const to = target.sender === null ? 'a message' : printedLabelText(ctx.printed.participant(target.senderParticipantId, target.sender));
      flags.push(`reply to ${to}${target.sentAt === null ? '' : `, ${localStamp(target.sentAt, ctx.zone)}`}`);
    }
  }
  const notes: string[] = [];
  if (row.duplicateGroupId !== null) {
    const group = ctx.duplicates.get(row.duplicateGroupId);
    const others = [...new Set(group?.holders.filter((h) => h.messageId !== row.id).map((h) => h.custodian) ?? [])];
    if (others.length) notes.push(`Also held by: ${others.join(', ')}`);
  }
  return {
    kind: 'message',
    messageId: row.id,
    time: row.sentAt === null ? `undated${row.sentAtRaw ? ` (source: ${row.sentAtRaw})` : ''}` : localStamp(row.sentAt, ctx.zone),
    sender: ctx.printed.participant(row.senderParticipantId, row.sender ?? (row.kind === 'system' ? 'System notice' : 'Unknown sender')),
    flags,
    text,
    attachments,
    notes,
    muted: row.kind === 'system' || row.deleted === 'placeholder',
  };
}
