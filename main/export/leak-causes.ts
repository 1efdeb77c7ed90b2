/**
 * Turns what verification found into failures a reviewer can act on: which decision hid the text
 * (with the message's conversation, sender, time and reference), and why it is in the bundle anyway.
 *
 * The why is worked out by looking for the same text in everything else the bundle prints from the
 * case: participants' labels (senders, reply headings, the extract's participants), conversation
 * titles, the other produced messages as printed (after their own redactions), attachment file
 * names, the extract details and the case details. Each match is a place the text really is printed,
 * and names where the reviewer fixes it. Labels and titles that are themselves redacted print as a
 * box, so they are no cause. Nothing matching means the files changed after writing (or a fault).
 *
 * Runs only when verification found something; it reads the case as it stood at `asOf` (the export
 * time of a recorded bundle; now for an export in progress).
 */
import type { ReadableDB } from '../../db/connection';
import { getCaseMeta } from '../../db/queries/case-meta';
import { redactionsAsOf, reasonLabels } from '../../db/queries/export';
import { fileNameRedactionsAsOf } from '../../db/queries/file-name-redaction';
import { labelRedactionsAsOf } from '../../db/queries/label-redaction';
import {
  attachmentNames,
  messageRefRows,
  printedConversations,
  printedParticipants,
  producedBodies,
  type MessageRefRow,
} from '../../db/queries/leak-causes';
import { applyRedactions, applyRedactionsToPieces, type LiveRedaction } from '../../common/domain/redaction';
import {
  HIDDEN_PLACEHOLDER,
  type HiddenDecision,
  type LeakCause,
  type LeakFailure,
  type LeakLocation,
  type MessageRef,
} from '../../common/domain/verification';
import { findAll } from '../../common/domain/matcher';
import { checkableNeedles, LeakScanner, normalise, occursIn, type NeedleSource } from './leaks';
import { bodyPieces } from './long-body';
import { WITHHELD_WITHOUT_REASON } from './scope';
import { localStamp } from './times';
import type { FoundLeak } from './verify';

/** The bundle the leaks were found in: its produced items in bundle order, and the case state it shows. */
export interface BundleScope {
  readonly items: readonly { readonly messageId: number; readonly reference: string }[];
  /** Epoch ms of the state the bundle shows; null for now. */
  readonly asOf: number | null;
}

const LISTED_LOCATIONS = 6;
const CAUSES_PER_KIND = 2;
const SOURCE_ORDER: readonly NeedleSource['kind'][] = [
  'redacted-text',
  'withheld-item',
  'redacted-name',
  'redacted-title',
  'redacted-file-name',
];

interface Group {
  readonly texts: string[];
  readonly sources: NeedleSource[];
  readonly locations: Map<string, LeakLocation>;
}

/** One group per hidden text: the same number redacted in five messages is one failure, naming the first. */
function groupByText(found: readonly FoundLeak[]): Group[] {
  const groups = new Map<string, Group>();
  for (const { needle, locations } of found) {
    const key = normalise(needle.text);
    const group: Group = groups.get(key) ?? { texts: [], sources: [], locations: new Map() };
    groups.set(key, group);
    group.texts.push(needle.text);
    if (!group.sources.some((s) => JSON.stringify(s) === JSON.stringify(needle.source))) group.sources.push(needle.source);
    for (const l of locations) group.locations.set(JSON.stringify(l), l);
  }
  for (const group of groups.values()) group.sources.sort((a, b) => SOURCE_ORDER.indexOf(a.kind) - SOURCE_ORDER.indexOf(b.kind));
  return [...groups.values()];
}

/** Replaces the hidden text in a name or title shown beside the failure, so the report never repeats it. */
function masker(texts: readonly string[]): (value: string) => string {
  return (value) => {
    const visible = value.replace(/\p{Cf}/gu, '');
    if (!texts.some((t) => occursIn(visible, t))) return visible;
    // Every spelling the leak search would find, replaced by its exact span (matcher.ts).
    const spans = texts
      .flatMap((t) => (normalise(t) === '' ? [] : findAll(visible, t, { wholeWord: false })))
      .sort((a, b) => b.start - a.start);
    let replaced = visible;
    let before = Infinity;
    for (const span of spans) {
      if (span.end > before) continue;
      replaced = replaced.slice(0, span.start) + HIDDEN_PLACEHOLDER + replaced.slice(span.end);
      before = span.start;
    }
    return texts.some((t) => occursIn(replaced, t)) ? HIDDEN_PLACEHOLDER : replaced;
  };
}

export function explainLeaks(db: ReadableDB, scope: BundleScope, found: readonly FoundLeak[]): LeakFailure[] {
  const meta = getCaseMeta(db);
  const zone = meta?.defaultTimeZone ?? 'UTC';
  const labels = reasonLabels(db);
  const reasonOf = (codes: readonly string[]): string => codes.map((code) => labels.get(code) ?? code).join('; ');
  const referenceOf = new Map(scope.items.map((i) => [i.messageId, i.reference]));
  const bundleOrder = new Map(scope.items.map((i, n) => [i.messageId, n]));
  const produced = scope.items.map((i) => i.messageId);

  const redactions = new Map<number, LiveRedaction[]>();
  for (const r of redactionsAsOf(db, scope.asOf)) {
    const list = redactions.get(r.messageId) ?? [];
    list.push(
      r.kind === 'whole'
        ? { kind: 'whole', reasonCode: r.reasonCode }
        : { kind: 'span', start: r.start ?? 0, end: r.end ?? 0, reasonCode: r.reasonCode },
    );
    redactions.set(r.messageId, list);
  }
  const redactedLabels = labelRedactionsAsOf(db, scope.asOf);
  const redactedParticipants = new Set(redactedLabels.flatMap((r) => (r.participantId === null ? [] : [r.participantId])));
  const redactedTitles = new Set(redactedLabels.flatMap((r) => (r.conversationId === null ? [] : [r.conversationId])));
  const redactedFiles = fileNameRedactionsAsOf(db, scope.asOf);
  const redactedSources = new Set(redactedFiles.flatMap((r) => (r.sourceId === null ? [] : [r.sourceId])));
  const redactedAttachments = new Set(redactedFiles.flatMap((r) => (r.attachmentId === null ? [] : [r.attachmentId])));

  const groups = groupByText(found);
  const named = new Set<number>(produced);
  for (const g of groups) for (const s of g.sources) if (s.kind === 'redacted-text' || s.kind === 'withheld-item') named.add(s.messageId);
  const rows = new Map(messageRefRows(db, [...named]).map((r) => [r.id, r]));
  const conversationIds = [...new Set(produced.map((id) => rows.get(id)?.conversationId ?? -1))];
  const conversations = printedConversations(db, conversationIds);
  const participants = printedParticipants(db, conversationIds);
  const referencesOf = new Map<number, string[]>();
  for (const item of scope.items) {
    const conversationId = rows.get(item.messageId)?.conversationId;
    if (conversationId === undefined) continue;
    const list = referencesOf.get(conversationId) ?? [];
    if (!list.includes(item.reference)) list.push(item.reference);
    referencesOf.set(conversationId, list);
  }
  const firstBySender = new Map<number, number>();
  for (const id of produced) {
    const sender = rows.get(id)?.senderParticipantId;
    if (sender !== null && sender !== undefined && !firstBySender.has(sender)) firstBySender.set(sender, id);
  }

  const refOf = (row: MessageRefRow, mask: (v: string) => string): MessageRef => ({
    messageId: row.id,
    conversationId: row.conversationId,
    position: row.position,
    conversation: mask(row.title || 'Untitled conversation'),
    sender: row.sender === null ? null : mask(row.sender),
    sent: row.sentAt === null ? 'undated' : localStamp(row.sentAt, zone),
    reference: referenceOf.get(row.id) ?? null,
  });
  const messageRef = (id: number | undefined, mask: (v: string) => string): MessageRef | null => {
    const row = id === undefined ? undefined : rows.get(id);
    return row ? refOf(row, mask) : null;
  };

  // The produced bodies as printed, and attachment names, searched once for every leaked text.
  const bodyHits = groups.map(() => [] as number[]);
  for (const body of producedBodies(db, produced)) {
    if (body.body === null) {
      for (const i of groupsInLongBody(db, body.id, redactions.get(body.id) ?? [], groups)) bodyHits[i]?.push(body.id);
      continue;
    }
    const printed = applyRedactions(body.body, redactions.get(body.id) ?? [], (code) => code);
    if (printed.kind === 'whole') continue;
    const text = printed.segments.map((s) => (s.kind === 'text' ? s.text : '\u0000')).join('');
    groups.forEach((g, i) => g.texts.some((t) => occursIn(text, t)) && bodyHits[i]?.push(body.id));
  }
  const attachments = attachmentNames(db, produced);
  /** A produced message a redacted file name prints with: the attachment's own, or the first of the source's conversations. */
  const fileNameMessage = (source: Extract<NeedleSource, { kind: 'redacted-file-name' }>): number | undefined => {
    if (source.target === 'attachment') return attachments.find((a) => a.id === source.id)?.messageId;
    const ofSource = new Set(conversations.filter((c) => c.sourceId === source.id).map((c) => c.id));
    return produced.find((id) => ofSource.has(rows.get(id)?.conversationId ?? -1));
  };
  const byBundleOrder = (a: number, b: number): number => (bundleOrder.get(a) ?? 0) - (bundleOrder.get(b) ?? 0);

  return groups.map((group, i) => {
    const mask = masker(group.texts);
    const holds = (value: string | null | undefined): boolean => !!value && group.texts.some((t) => occursIn(value, t));
    const [first, ...others] = group.sources as [NeedleSource, ...NeedleSource[]];
    const hidden = hiddenDecision(first, {
      redactions,
      referencesOf,
      conversations,
      firstBySender,
      reasonOf,
      messageRef: (id) => messageRef(id, mask),
      fileNameMessage,
    });

    const causes: LeakCause[] = [];
    const senders = new Map<number, number>();
    for (const p of participants)
      if (!redactedParticipants.has(p.participantId) && holds(p.label) && !senders.has(p.participantId))
        senders.set(p.participantId, p.conversationId);
    for (const [participantId, conversationId] of [...senders].slice(0, CAUSES_PER_KIND)) {
      causes.push({ kind: 'sender-name', participantId, conversationId, message: messageRef(firstBySender.get(participantId), mask) });
    }
    for (const c of conversations.filter((c) => !redactedTitles.has(c.id) && holds(c.title)).slice(0, CAUSES_PER_KIND)) {
      causes.push({
        kind: 'conversation-title',
        conversationId: c.id,
        custodian: c.custodian,
        reference: referencesOf.get(c.id)?.[0] ?? null,
      });
    }
    const own = first.kind === 'redacted-text' ? first.messageId : null;
    const hits = [...(bodyHits[i] ?? [])].sort(byBundleOrder);
    const ownRef = own !== null && hits.includes(own) ? messageRef(own, mask) : null;
    if (ownRef) causes.push({ kind: 'same-message', message: ownRef });
    const elsewhere = hits.filter((id) => id !== own);
    const otherRef = messageRef(elsewhere[0], mask);
    if (otherRef) causes.push({ kind: 'other-message', message: otherRef, more: elsewhere.length - 1 });
    const attachment = attachments
      .filter((a) => !redactedAttachments.has(a.id) && holds(a.fileName))
      .sort((a, b) => byBundleOrder(a.messageId, b.messageId))[0];
    const attachmentRef = messageRef(attachment?.messageId, mask);
    if (attachmentRef) causes.push({ kind: 'attachment-name', message: attachmentRef });
    for (const field of ['custodian', 'device', 'source file'] as const) {
      const c = conversations.find((c) =>
        field === 'source file'
          ? !redactedSources.has(c.sourceId) && holds(c.sourceFile)
          : holds(field === 'custodian' ? c.custodian : c.deviceLabel),
      );
      if (c) causes.push({ kind: 'extract-details', field, reference: referencesOf.get(c.id)?.[0] ?? null });
    }
    const caseFields: [string, string | undefined][] = [
      ['case name', meta?.name],
      ['inquiry', meta?.inquiry],
      ['request reference', meta?.requestReference],
      ['protective marking', meta?.protectiveMarking],
    ];
    for (const [field, value] of caseFields) if (holds(value)) causes.push({ kind: 'case-details', field });
    if (causes.length === 0) causes.push({ kind: 'not-printed' });

    const locations = [...group.locations.values()];
    return {
      hidden,
      alsoHiddenIn: others.length,
      locations: locations.slice(0, LISTED_LOCATIONS),
      moreLocations: Math.max(0, locations.length - LISTED_LOCATIONS),
      causes,
    };
  });
}

interface DecisionContext {
  readonly redactions: ReadonlyMap<number, readonly LiveRedaction[]>;
  readonly referencesOf: ReadonlyMap<number, readonly string[]>;
  readonly conversations: readonly { readonly id: number; readonly custodian: string }[];
  readonly firstBySender: ReadonlyMap<number, number>;
  readonly reasonOf: (codes: readonly string[]) => string;
  readonly messageRef: (id: number | undefined) => MessageRef | null;
  readonly fileNameMessage: (source: Extract<NeedleSource, { kind: 'redacted-file-name' }>) => number | undefined;
}

/** The decision a needle came from, as the reviewer finds it. */
function hiddenDecision(source: NeedleSource, ctx: DecisionContext): HiddenDecision {
  const unknownMessage = (messageId: number): MessageRef => ({
    messageId,
    conversationId: 0,
    position: 0,
    conversation: '?',
    sender: null,
    sent: 'undated',
    reference: null,
  });
  switch (source.kind) {
    case 'redacted-text':
      return {
        kind: 'redacted-text',
        reason: ctx.reasonOf(source.reasonCodes),
        message: ctx.messageRef(source.messageId) ?? unknownMessage(source.messageId),
      };
    case 'withheld-item': {
      const whole = (ctx.redactions.get(source.messageId) ?? []).filter((r) => r.kind === 'whole').map((r) => r.reasonCode);
      return {
        kind: 'withheld-item',
        reason: whole.length ? ctx.reasonOf([...new Set(whole)].sort()) : WITHHELD_WITHOUT_REASON,
        message: ctx.messageRef(source.messageId) ?? unknownMessage(source.messageId),
      };
    }
    case 'redacted-name':
      return {
        kind: 'redacted-name',
        reason: ctx.reasonOf([source.reasonCode]),
        participantId: source.participantId,
        message: ctx.messageRef(ctx.firstBySender.get(source.participantId)),
      };
    case 'redacted-title':
      return {
        kind: 'redacted-title',
        reason: ctx.reasonOf([source.reasonCode]),
        conversationId: source.conversationId,
        custodian: ctx.conversations.find((c) => c.id === source.conversationId)?.custodian ?? 'the case',
        references: ctx.referencesOf.get(source.conversationId) ?? [],
      };
    case 'redacted-file-name':
      return {
        kind: 'redacted-file-name',
        reason: ctx.reasonOf([source.reasonCode]),
        target: source.target,
        id: source.id,
        message: ctx.messageRef(ctx.fileNameMessage(source)),
      };
  }
}

/**
 * Which groups' texts a body too long to hold as one string prints, read and searched piece by piece
 * (its boxes break the text, as the NUL between segments does for a short body).
 */
function groupsInLongBody(
  db: ReadableDB,
  messageId: number,
  redactions: readonly LiveRedaction[],
  groups: readonly { readonly texts: readonly string[] }[],
): Set<number> {
  const printed = applyRedactionsToPieces(
    () => bodyPieces(db, messageId),
    redactions,
    (code) => code,
  );
  if (printed.kind === 'whole') return new Set();
  const owners = groups.flatMap((g, i) => g.texts.map(() => i));
  const { needles } = checkableNeedles(
    groups.flatMap((g) => g.texts.map((text) => ({ text, source: { kind: 'withheld-item', messageId } as const }))),
  );
  const scanner = new LeakScanner(needles);
  const stream = scanner.stream();
  for (const segment of printed.segments) {
    if (segment.kind === 'text') stream.chunk(0, segment.text);
    else stream.break();
  }
  stream.end();
  return new Set(scanner.leaks().map((leak) => owners[leak.needle] as number));
}
