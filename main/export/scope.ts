/**
 * Which messages an export selects, cut into document units, as the output-neutral items of items.ts.
 *
 * - Produced: a message in the scope (custodians, dates, query) whose outcome is one of the scope's
 *   outcomes (default disclose and disclose with redactions; pending too when asked) and that is not
 *   withheld whole by a redaction.
 * - Withheld: outcome `withhold`, or a live whole-item redaction. Selected only inside a unit that
 *   produces something, so the reader sees that and why something was held back — never what. The
 *   query does not apply to them: a withheld message between two produced ones is selected whether
 *   or not it matches the words.
 * - Anything else in range (pending, outside the query) is simply not part of the bundle.
 * - Duplicates (the same message collected from several custodians' devices) are produced once, at
 *   their first place in bundle order, noting the other holders.
 *
 * Messages are read with iterators per unit, twice per export (count, then the output's reading);
 * only plans (a few numbers per document unit) are held for the whole bundle. A body longer than
 * INLINE_BODY_BYTES is never one string: it is read and redacted piece by piece (long-body.ts).
 */
import type { ReadableDB } from '../../db/connection';
import type { CaseMetaRow } from '../../db/queries/case-meta';
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
  type ExportMessageRow,
  type ScopeFilter,
} from '../../db/queries/export';
import type { DocumentUnit, Outcome } from '../../common/domain/model';
import {
  applyRedactions,
  applyRedactionsToPieces,
  mergeSpans,
  widenToCharacters,
  type BodyPiece,
  type LiveRedaction,
  type RedactedStream,
  type RedactedText,
} from '../../common/domain/redaction';
import { printedLabels, type PrintedLabels } from '../redact/printed-labels';
import { withheldAttachmentReasons } from './withheld-attachments';
import { selectMessageIds } from '../search/select';
import type { DocumentPlan, HiddenSink, ItemReader, ProducedItem, SelectedAttachment, SelectedItem, Selection } from './items';
import type { Needle } from './leaks';
import { bodyNeedles, bodyPieces, boundedNeedles, LONG_BODIES, SpanSample, type LongBodies } from './long-body';
import type { Numbering } from './numbering';
import { dayKey } from './times';

export interface ScopeSettings {
  readonly query: string | null;
  readonly custodianIds: readonly number[] | null;
  readonly from: number | null;
  readonly to: number | null;
  readonly outcomes: readonly Outcome[];
  readonly includePending: boolean;
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
  readonly duplicates: ReadonlyMap<
    number,
    { readonly canonical: number; readonly holders: readonly { messageId: number; custodian: string }[] }
  >;
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
    list.push(
      r.kind === 'whole'
        ? { kind: 'whole', reasonCode: r.reasonCode }
        : { kind: 'span', start: r.start ?? 0, end: r.end ?? 0, reasonCode: r.reasonCode },
    );
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
        documents.push({
          conversation,
          fromPosition: current.from,
          toPosition: current.to,
          day: current.day,
          produced: current.produced,
          firstAt: current.firstAt,
          lastAt: current.lastAt,
        });
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

/** Reading this scope's units as items. */
export const itemReader = (ctx: ScopeContext): ItemReader => ({
  db: ctx.db,
  zone: ctx.zone,
  printed: ctx.printed,
  title: (d) => documentTitle(ctx, d),
  participants: (d, separator) => ctx.printed.list(conversationParticipants(ctx.db, d.conversation.id), separator),
  items: (d, hidden) => documentItems(ctx, d, hidden),
});

/** The export's selection: the planned units under their references, and how to read them. */
export function selection(
  ctx: ScopeContext,
  meta: CaseMetaRow,
  unit: DocumentUnit,
  plan: ScopePlan,
  numbering: Numbering,
  references: readonly string[],
): Selection {
  return {
    ...itemReader(ctx),
    meta,
    unit,
    numbering,
    documents: plan.documents.map((d, i) => ({ ...d, reference: references[i] as string })),
    produced: plan.produced,
    withheld: plan.withheld,
  };
}

/** The conversation's title as every output prints it. */
export const documentTitle = (ctx: ScopeContext, plan: DocumentPlan): RedactedText =>
  ctx.printed.title(plan.conversation.id, plan.conversation.title);

function attachmentOf(ctx: ScopeContext, a: ExportAttachmentRow, withheld: string | null): SelectedAttachment {
  const name = a.fileName === null ? null : ctx.printed.attachment(a.id, a.fileName);
  // A missing file's reason can quote its path: not carried when the name is redacted or the attachment withheld.
  const missingReason = name?.kind === 'whole' || withheld !== null ? null : a.missingReason;
  return {
    id: a.id,
    name,
    mime: a.mime,
    present: a.present !== 0,
    missingReason,
    withheld,
    sha256: a.sha256,
    size: a.size,
    kept: a.kept === 1,
  };
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
  return spanNeedles(
    messageId,
    [...spans, ...mergeSpans(spans)].map((s) => ({ texts: [body.slice(s.start, s.end)], reasonCodes: s.reasonCodes })),
  );
}

/** One needle per distinct hidden text (each bounded), carrying every reason that hides it. */
function spanNeedles(messageId: number, spans: readonly { texts: readonly string[]; reasonCodes: readonly string[] }[]): Needle[] {
  const needles = new Map<string, Set<string>>();
  for (const s of spans) {
    for (const whole of s.texts) {
      for (const { text } of boundedNeedles(whole, { kind: 'withheld-item', messageId }))
        needles.set(text, new Set([...(needles.get(text) ?? []), ...s.reasonCodes]));
    }
  }
  return [...needles].map(([text, codes]) => ({ text, source: { kind: 'redacted-text', messageId, reasonCodes: [...codes].sort() } }));
}

/**
 * A body longer than INLINE_BODY_BYTES, redacted as its pieces are read: an output writes it as they
 * come, and what its boxes hide is sampled on the way (SpanSample) and reported once it has been read.
 */
function streamedText(
  ctx: ScopeContext,
  messageId: number,
  labelOf: (code: string) => string,
  hidden: HiddenSink | undefined,
): RedactedText | RedactedStream {
  let samples: { sample: SpanSample; reasonCodes: readonly string[] }[] = [];
  const read = function* (): Generator<BodyPiece> {
    for (const piece of bodyPieces(ctx.db, messageId, ctx.longBodies.pieceChars)) {
      for (const s of samples) s.sample.feed(piece);
      yield piece;
    }
  };
  const text = applyRedactionsToPieces(read, ctx.redactions.get(messageId) ?? [], labelOf);
  if (text.kind !== 'stream' || !hidden) return text;
  samples = [...text.spans, ...mergeSpans(text.spans)].map((s) => ({ sample: new SpanSample(s.start, s.end), reasonCodes: s.reasonCodes }));
  const segments = text.segments;
  return {
    ...text,
    segments: {
      *[Symbol.iterator]() {
        yield* segments;
        for (const needle of spanNeedles(
          messageId,
          samples.map((s) => ({ texts: s.sample.texts(), reasonCodes: s.reasonCodes })),
        ))
          hidden(needle);
      },
    },
  };
}

/**
 * hiddenNeedles for a body longer than INLINE_BODY_BYTES, read in pieces (for verifying a bundle
 * later, when no output reads it): withheld whole, its two ends; else what its spans hide, sampled.
 */
export function hiddenNeedlesInPieces(
  db: ReadableDB,
  messageId: number,
  redactions: readonly LiveRedaction[],
  pieceChars = LONG_BODIES.pieceChars,
): Needle[] {
  const read = (): Iterable<BodyPiece> => bodyPieces(db, messageId, pieceChars);
  const text = applyRedactionsToPieces(read, redactions, (code) => code);
  if (text.kind !== 'stream') return bodyNeedles(db, messageId, null);
  const samples = [...text.spans, ...mergeSpans(text.spans)].map((s) => ({
    sample: new SpanSample(s.start, s.end),
    reasonCodes: s.reasonCodes,
  }));
  if (samples.length > 0) for (const piece of read()) for (const s of samples) s.sample.feed(piece);
  return spanNeedles(
    messageId,
    samples.map((s) => ({ texts: s.sample.texts(), reasonCodes: s.reasonCodes })),
  );
}

/** The items of one document unit, read lazily, in source order. */
export function* documentItems(ctx: ScopeContext, plan: DocumentPlan, hidden?: HiddenSink): Generator<SelectedItem> {
  const labelOf = (code: string): string => ctx.labels.get(code) ?? code;
  const withheld = withheldAttachmentReasons(ctx.db, plan.conversation.id, labelOf, WITHHELD_WITHOUT_REASON);
  const attachments = new Map<number, SelectedAttachment[]>();
  for (const a of conversationAttachments(ctx.db, plan.conversation.id)) {
    const list = attachments.get(a.messageId) ?? [];
    list.push(attachmentOf(ctx, a, withheld.get(a.id) ?? null));
    attachments.set(a.messageId, list);
  }
  for (const row of messagesBetween(
    ctx.db,
    plan.conversation.id,
    plan.fromPosition,
    plan.toPosition,
    ctx.filter,
    ctx.longBodies.inlineBytes,
  )) {
    const role = roleOf(ctx, row);
    if (role === 'none') continue;
    const { body, whole: _whole, ...message } = row;
    if (role === 'withheld') {
      if (hidden) for (const needle of bodyNeedles(ctx.db, row.id, body)) hidden(needle);
      // Only a whole-item redaction names the reason; the text itself is not needed.
      const wholes = (ctx.redactions.get(row.id) ?? []).filter((r) => r.kind === 'whole');
      const reason = wholes.length > 0 ? (applyRedactions('', wholes, labelOf) as { label: string }).label : WITHHELD_WITHOUT_REASON;
      yield { kind: 'withheld', message, reason };
      continue;
    }
    const redactions = ctx.redactions.get(row.id) ?? [];
    const text = body === null ? streamedText(ctx, row.id, labelOf, hidden) : applyRedactions(body, redactions, labelOf);
    if (body !== null && hidden) for (const needle of hiddenNeedles(row.id, body, redactions)) hidden(needle);
    yield {
      kind: 'produced',
      message,
      sender: ctx.printed.participant(row.senderParticipantId, row.sender ?? (row.kind === 'system' ? 'System notice' : 'Unknown sender')),
      text,
      replyTo: replyOf(ctx, row.replyToMessageId),
      attachments: attachments.get(row.id) ?? [],
      alsoHeldBy: alsoHeldBy(ctx, row),
    };
  }
}

function replyOf(ctx: ScopeContext, messageId: number | null): ProducedItem['replyTo'] {
  const target = messageId === null ? undefined : replyTarget(ctx.db, messageId);
  if (!target) return null;
  return {
    sender: target.sender === null ? null : ctx.printed.participant(target.senderParticipantId, target.sender),
    sentAt: target.sentAt,
  };
}

function alsoHeldBy(ctx: ScopeContext, row: ExportMessageRow): string[] {
  if (row.duplicateGroupId === null) return [];
  const group = ctx.duplicates.get(row.duplicateGroupId);
  return [...new Set(group?.holders.filter((h) => h.messageId !== row.id).map((h) => h.custodian) ?? [])];
}
