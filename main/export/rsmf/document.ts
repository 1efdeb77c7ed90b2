/**
 * One produced reference as an RSMF 2.0 file (docs/spec.md §14, docs/formats/rsmf.md): its manifest,
 * its plain-text rendering, rsmf.zip (the manifest and the produced attachment files) and the e-mail
 * around them. Built from the export's output-neutral selection (items.ts), so every decision applies
 * exactly as in the PDF bundle: redacted spans arrive as boxes and are written `[REDACTED – reason]`,
 * redacted names and titles the same way, withheld messages as the bundle's slip line (one placeholder
 * event per run, extract.ts), withheld attachments as a note and no file.
 *
 * Images are produced renditions (main/media/render.ts: redaction regions filled, metadata stripped);
 * other files are the kept originals (main/attachments/open.ts). A file that cannot be produced is
 * left out with a note on its event, never written as it was.
 *
 * `rsmfFiles` yields each reference's file name and bytes: the RSMF output writes them, and a
 * production volume can write the same bytes as its natives.
 */
import { createHash } from 'node:crypto';
import type { CancellationToken } from '../../../common/domain/cancellation';
import { throwIfCancelled } from '../../../common/domain/cancellation';
import type { NormalisedRect } from '../../../common/domain/media';
import type { RedactedText } from '../../../common/domain/redaction';
import { rsmfConversationPeople, rsmfEditHistories, rsmfReactions, type RsmfPersonRow } from '../../../db/queries/rsmf-export';
import { openAttachment, readAttachment } from '../../attachments/open';
import { renderImage } from '../../media/render';
import { checkProducedImage } from '../../media/verify-image';
import { sniff } from '../../media/sniff';
import { hiddenLabelNeedles } from '../../redact/printed-labels';
import { extractEntries } from '../extract';
import type { HiddenSink, ProducedItem, SelectedAttachment, SelectedDocument, SelectedItem, Selection } from '../items';
import { withheldSlipText } from '../layout';
import type { Needle } from '../leaks';
import { WITHHELD_WITHOUT_REASON } from '../scope';
import { isoWithOffset, localSpan } from '../times';
import { attachmentSlipText, withheldAttachmentNeedles } from '../withheld-attachments';
import { participantsHeader, writeEml } from './eml';
import { RSMF_MANIFEST, RSMF_VERSION, type RsmfCustom, type RsmfEvent, type RsmfManifest, type RsmfParticipant } from './manifest';
import { validateRsmf } from './validate';
import { writeZip, type ZipMember } from './zip';

/** Largest attachment read into an RSMF file (an RSMF should stay well under Relativity's 2 GB). */
export const RSMF_ATTACHMENT_LIMIT = 512 * 1024 ** 2;

const APPLICATIONS: Readonly<Record<string, string>> = {
  whatsapp: 'WhatsApp',
  sms: 'SMS',
  imessage: 'iMessage',
  telegram: 'Telegram',
  signal: 'Signal',
  other: 'Other',
};

/** How a redaction box is written in RSMF text (the PDF draws a box carrying the same label). */
export const rsmfRedacted = (label: string): string => `[REDACTED – ${label}]`;

/** A printed label or title as produced: a box becomes its marker, never the characters it hides. */
export const rsmfText = (text: RedactedText): string =>
  text.kind === 'whole'
    ? rsmfRedacted(text.label)
    : text.segments.map((s) => (s.kind === 'text' ? s.text : rsmfRedacted(s.label))).join('');

/** A rendition that failed its own check: an export is refused rather than hand over a leaky image. */
export class ProducedImageError extends Error {
  constructor(name: string, problems: readonly string[]) {
    super(
      `The produced image of ${name} failed its check (${problems.join('; ')}), so the export stopped. This is a fault in Disclosure Desk: keep the case and report it.`,
    );
    this.name = 'ProducedImageError';
  }
}

/** The redaction regions of images, by attachment id (SHARED-16 §2); attachments with none are absent. */
export type ImageRegions = (attachmentIds: readonly number[]) => ReadonlyMap<number, readonly NormalisedRect[]>;

export interface RsmfOptions {
  /** `X-RSMF-Generator`: "Disclosure Desk 0.1.0". */
  readonly generator: string;
  readonly imageRegions: ImageRegions;
  readonly token?: CancellationToken;
  /** Receives every hidden text of the items read (for the leak check). */
  readonly hidden?: HiddenSink;
}

/** One reference's RSMF file. */
export interface RsmfFile {
  readonly reference: string;
  readonly name: string;
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly manifest: RsmfManifest;
  readonly events: number;
  readonly attachments: number;
  readonly eventCollectionId: string;
  /** The produced messages, in order. */
  readonly messageIds: readonly number[];
}

const iso = (ms: number, zone: string): string => isoWithOffset(ms, zone);
const custom = (entries: readonly (readonly [string, string | null | undefined])[]): { custom?: RsmfCustom[] } => {
  // The schema refuses an empty value: fields without one are left out.
  const list = entries
    .filter((e): e is readonly [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([name, value]) => ({ name, value }));
  return list.length ? { custom: list } : {};
};

/** A flat, safe zip member name for attachment `id`: "A12-IMG-0001.jpg", or "A12.jpg" when the name is redacted. */
function memberName(id: number, name: string | null, ext: string | null): string {
  const safe = [...(name ?? '')]
    .map((c) => (c.charCodeAt(0) < 0x20 || c === '\u007f' || '/\\:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .slice(0, 120);
  const base = safe === '' ? `A${id}` : `A${id}-${safe}`;
  return ext && !base.toLowerCase().endsWith(`.${ext}`) ? `${base}.${ext}` : base;
}

const extensionOf = (mime: string): string | null => (mime === 'image/jpeg' ? 'jpg' : mime === 'image/png' ? 'png' : null);

interface ProducedFile {
  readonly member: ZipMember;
  readonly display: string;
}

/** The file an attachment is produced as, or why it is not. */
async function producedFile(
  selection: Selection,
  a: SelectedAttachment,
  regions: readonly NormalisedRect[],
): Promise<{ file: ProducedFile } | { note: string }> {
  const printedName = a.name === null ? null : a.name.kind === 'whole' ? null : rsmfText(a.name);
  const redactedLabel = a.name?.kind === 'whole' ? a.name.label : null;
  try {
    const opened = openAttachment(selection.db, a.id);
    const bytes = readAttachment(opened, RSMF_ATTACHMENT_LIMIT);
    const sniffed = sniff(bytes.subarray(0, 4096));
    if (sniffed.kind === 'image' || regions.length > 0) {
      const rendered = await renderImage(bytes, { regions });
      // Checked as written, independently of the renderer: regions filled, no metadata left.
      const problems = await checkProducedImage(rendered.bytes, regions);
      if (problems.length > 0) throw new ProducedImageError(printedName ?? `attachment #${a.id}`, problems);
      const ext = extensionOf(rendered.mime);
      const name = memberName(a.id, printedName, ext);
      const display =
        printedName === null ? `${redactedLabel ? rsmfRedacted(redactedLabel) : 'unnamed image'}.${ext}` : name.slice(`A${a.id}-`.length);
      return { file: { member: { name, bytes: rendered.bytes }, display } };
    }
    const name = memberName(a.id, printedName, null);
    return { file: { member: { name, bytes }, display: printedName ?? (redactedLabel ? rsmfRedacted(redactedLabel) : name) } };
  } catch (err) {
    if (err instanceof ProducedImageError) throw err;
    // The reason can quote the file's name: not carried when that name is redacted.
    const why = redactedLabel
      ? 'its file could not be produced'
      : `${printedName ?? 'the file'} could not be produced: ${(err as Error).message}`;
    return { note: why };
  }
}

const participantId = (id: number): string => `P${id}`;
const eventId = (messageId: number): string => `m${messageId}`;
const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/u;

interface Built {
  readonly manifest: RsmfManifest;
  readonly body: string;
  readonly members: readonly ZipMember[];
  readonly messageIds: readonly number[];
  readonly participants: readonly RsmfParticipant[];
  readonly custodian: RsmfParticipant | null;
  readonly firstAt: number | null;
  readonly lastAt: number | null;
}

/** An item with its text as produced, collected as it is read (a long body arrives as a stream, read once). */
interface Read {
  readonly item: SelectedItem;
  readonly text: string;
  /** Whether the text carries a redaction box. */
  readonly boxed: boolean;
}

function read(item: SelectedItem): Read {
  if (item.kind === 'withheld') return { item, text: '', boxed: false };
  const text = item.text;
  if (text.kind === 'whole') return { item, text: rsmfRedacted(text.label), boxed: true };
  let out = '';
  let boxed = false;
  for (const s of text.segments) {
    if (s.kind === 'text') out += s.text;
    else {
      boxed = true;
      out += rsmfRedacted(s.label);
    }
  }
  return { item, text: out, boxed };
}

async function buildDocument(selection: Selection, doc: SelectedDocument, options: RsmfOptions): Promise<Built> {
  const { db, zone } = selection;
  const c = doc.conversation;
  const people = rsmfConversationPeople(db, c.id);
  const display = (p: RsmfPersonRow): RedactedText => selection.printed.participant(p.id, p.label);
  const participants: RsmfParticipant[] = people.map((p) => {
    const shown = display(p);
    // A redacted name hides its handle too: the number or address would name the person.
    const handle = shown.kind === 'whole' ? null : p.handle;
    return {
      id: participantId(p.id),
      display: rsmfText(shown),
      ...(handle && EMAIL.test(handle) ? { email: handle } : handle ? { account_id: handle } : {}),
    };
  });
  const known = new Set(participants.map((p) => p.id));
  const owner = people.find((p) => p.isOwner === 1);
  const custodian = owner ? (participants.find((p) => p.id === participantId(owner.id)) ?? null) : null;
  const conversationId = `C${c.id}`;
  const title = rsmfText(selection.title(doc));

  const items = [...selection.items(doc, options.hidden)].map(read);
  const produced = new Map(
    items.flatMap((r) => (r.item.kind === 'produced' ? [[r.item.message.id, { ...r, item: r.item }] as const] : [])),
  );
  const withheldAt = new Map(
    items.flatMap(({ item }) => (item.kind === 'withheld' ? [[item.message.id, item.message.sentAt] as const] : [])),
  );
  const reactions = new Map<number, { value: string; participants: string[]; count: number }[]>();
  for (const r of rsmfReactions(db, c.id, doc.fromPosition, doc.toPosition)) {
    if (!produced.has(r.messageId)) continue;
    const list = reactions.get(r.messageId) ?? [];
    let entry = list.find((e) => e.value === r.reaction);
    if (!entry) list.push((entry = { value: r.reaction, participants: [], count: 0 }));
    entry.count++;
    const id = r.participantId === null ? null : participantId(r.participantId);
    if (id !== null && known.has(id) && !entry.participants.includes(id)) entry.participants.push(id);
    reactions.set(r.messageId, list);
  }
  const histories = new Map(rsmfEditHistories(db, c.id, doc.fromPosition, doc.toPosition).map((h) => [h.messageId, h.editHistory]));
  const attachmentIds = items.flatMap(({ item }) => (item.kind === 'produced' ? item.attachments.map((a) => a.id) : []));
  const regions = options.imageRegions(attachmentIds);

  const events: RsmfEvent[] = [];
  const lines: string[] = [];
  const members: ZipMember[] = [];
  const messageIds: number[] = [];
  let firstAt: number | null = null;
  let lastAt: number | null = null;
  const seen = (ms: number | null): void => {
    if (ms === null) return;
    firstAt = firstAt === null ? ms : Math.min(firstAt, ms);
    lastAt = lastAt === null ? ms : Math.max(lastAt, ms);
  };
  const inFile = new Set(produced.keys());

  for (const entry of extractEntries(
    items.map((r) => r.item),
    zone,
  )) {
    throwIfCancelled(options.token, 'The export');
    if (entry.kind === 'withheld') {
      const slip = withheldSlipText(entry);
      lines.push(`[${slip}]`);
      const at = withheldAt.get(entry.messageIds[0] as number) ?? null;
      seen(at);
      events.push({
        type: 'disclaimer',
        conversation: conversationId,
        ...(at === null ? {} : { timestamp: iso(at, zone) }),
        body: slip,
        ...custom([
          ['Withheld', String(entry.messageIds.length)],
          ['WithheldReason', entry.label],
        ]),
      });
      continue;
    }
    const { item, text, boxed } = produced.get(entry.messageId) as Read & { item: ProducedItem };
    const { message } = item;
    messageIds.push(message.id);
    seen(message.sentAt);
    const sender = message.senderParticipantId === null ? null : participantId(message.senderParticipantId);
    const notes: (readonly [string, string | null])[] = [];
    const attachments: { id: string; display: string; size: number }[] = [];
    const attachmentLines: string[] = [];
    for (const a of item.attachments) {
      if (a.withheld !== null) {
        const slip = attachmentSlipText(a.mime, a.withheld);
        notes.push(['AttachmentWithheld', slip]);
        attachmentLines.push(`  [${slip}]`);
        continue;
      }
      const printedName = a.name === null ? 'unnamed file' : rsmfText(a.name);
      if (!a.present) {
        const missing = `${printedName} (not in the export${a.missingReason ? `: ${a.missingReason}` : ''})`;
        notes.push(['MissingAttachment', missing]);
        attachmentLines.push(`  Attachment: ${missing}`);
        continue;
      }
      const made = await producedFile(selection, a, regions.get(a.id) ?? []);
      if ('note' in made) {
        notes.push(['AttachmentNotProduced', made.note]);
        attachmentLines.push(`  Attachment: ${made.note}`);
        continue;
      }
      members.push(made.file.member);
      attachments.push({ id: made.file.member.name, display: made.file.display, size: made.file.member.bytes.length });
      attachmentLines.push(`  Attachment: ${made.file.display} (${made.file.member.name})`);
    }
    const parentId = message.replyToMessageId;
    const parent = parentId !== null && inFile.has(parentId) ? eventId(parentId) : null;
    if (parentId !== null && parent === null && item.replyTo)
      notes.push([
        'ReplyTo',
        `a message not in this file${item.replyTo.sender ? ` from ${rsmfText(item.replyTo.sender)}` : ''}${item.replyTo.sentAt === null ? '' : `, ${iso(item.replyTo.sentAt, zone)}`}`,
      ]);
    const edits = editsOf(histories.get(message.id), text, boxed, sender, zone);
    if (message.edited !== 'none' && edits.entries.length === 0) notes.push(['Edited', 'true']);
    if (edits.note) notes.push(['EditTextOmitted', edits.note]);
    const system = message.kind === 'system';
    const deletedPlaceholder = message.deleted === 'placeholder';
    if (deletedPlaceholder) notes.push(['SourceText', text]);
    if (system) notes.push(['SystemMessage', 'true']);
    if (message.sentAt === null) notes.push(['SourceTime', message.sentAtRaw]);
    if (item.alsoHeldBy.length) notes.push(['AlsoHeldBy', item.alsoHeldBy.join(', ')]);
    const eventReactions = reactions.get(message.id) ?? [];
    events.push({
      id: eventId(message.id),
      type: system ? 'unknown' : 'message',
      conversation: conversationId,
      ...(sender !== null && known.has(sender) ? { participant: sender } : {}),
      ...(message.sentAt === null ? {} : { timestamp: iso(message.sentAt, zone) }),
      body: deletedPlaceholder ? '' : text,
      ...(parent ? { parent } : {}),
      ...(message.deleted !== 'none' ? { deleted: true } : {}),
      ...(message.direction === 'incoming' || message.direction === 'outgoing' ? { direction: message.direction } : {}),
      ...(eventReactions.length
        ? {
            reactions: eventReactions.map((r) => ({
              value: r.value,
              count: r.count,
              ...(r.participants.length ? { participants: r.participants } : {}),
            })),
          }
        : {}),
      ...(attachments.length ? { attachments } : {}),
      ...(edits.entries.length ? { edits: edits.entries } : {}),
      ...custom([...notes, ['Position', String(message.position)]]),
    });
    lines.push(...bodyLines(entry, text));
    lines.push(...attachmentLines);
  }

  const participantNames = participants.map((p) => p.display ?? p.id);
  const header = [
    `${APPLICATIONS[c.platform] ?? c.platform} conversation: ${title}`,
    `Reference: ${doc.reference}`,
    `Custodian: ${c.custodian}`,
    `Participants: ${participantNames.join(', ')}`,
    `Period: ${localSpan(doc.firstAt, doc.lastAt, zone)} (${zone})`,
    '',
  ];
  const manifest: RsmfManifest = {
    version: RSMF_VERSION,
    eventcollectionid: eventCollectionId(selection, doc),
    participants,
    conversations: [
      {
        id: conversationId,
        display: title,
        platform: c.platform,
        type: c.kind === 'direct' ? 'direct' : 'channel',
        participants: participants.map((p) => p.id),
        ...(custodian ? { custodian: custodian.id } : {}),
        ...custom([
          ['Reference', doc.reference],
          ['Custodian', c.custodian],
          ['Device', c.deviceLabel],
          ['Source file', rsmfText(selection.printed.sourceFile(c.sourceId, c.sourceFile))],
          ['Source SHA-256', c.sourceSha256],
          ['Day', doc.day],
        ]),
      },
    ],
    events,
  };
  return { manifest, body: [...header, ...lines, ''].join('\n'), members, messageIds, participants, custodian, firstAt, lastAt };
}

/** The message as the text body prints it: the bundle's time, sender and flags, then its text. */
function bodyLines(
  entry: { time: string; sender: RedactedText; flags: readonly string[]; notes: readonly string[] },
  text: string,
): string[] {
  const flags = entry.flags.length ? ` (${entry.flags.join('; ')})` : '';
  return [`[${entry.time}] ${rsmfText(entry.sender)}${flags}: ${text}`, ...entry.notes.map((n) => `  ${n}`)];
}

/**
 * A message's edits[], from the history the import kept: each earlier version as `previous`, the
 * version after it as `new`. The earlier texts were never redacted, so they are produced only for a
 * message with no redaction at all; otherwise each edit is recorded without its texts, and said so.
 */
function editsOf(
  history: string | undefined,
  current: string,
  boxed: boolean,
  sender: string | null,
  zone: string,
): { entries: { participant: string; timestamp?: string; previous?: string; new?: string }[]; note: string | null } {
  if (history === undefined || sender === null) return { entries: [], note: null };
  const versions = JSON.parse(history) as { body: string; time: { utcMs: number | null } | null }[];
  if (!Array.isArray(versions) || versions.length === 0) return { entries: [], note: null };
  return {
    entries: versions.map((v, i) => ({
      participant: sender,
      ...(typeof v.time?.utcMs === 'number' ? { timestamp: iso(v.time.utcMs, zone) } : {}),
      ...(boxed ? {} : { previous: v.body, new: versions[i + 1]?.body ?? current }),
    })),
    note: boxed ? 'earlier versions are not produced: the message carries redactions' : null,
  };
}

/** The same for every slice of one conversation, and for the same case every time. */
export const eventCollectionId = (selection: Selection, doc: SelectedDocument): string =>
  `DD-${createHash('sha256').update(`${selection.meta.caseId}\n${doc.conversation.id}`).digest('hex').slice(0, 24)}`;

/** Must-not-appear needles for names, titles and withheld attachments of the selection's conversations. */
export function rsmfLabelNeedles(selection: Selection): Needle[] {
  const conversationIds = [...new Set(selection.documents.map((d) => d.conversation.id))];
  return [
    ...hiddenLabelNeedles(selection.db, null, conversationIds),
    ...withheldAttachmentNeedles(selection.db, null, conversationIds, WITHHELD_WITHOUT_REASON),
  ];
}

/**
 * Each produced reference as its `.rsmf` file, in bundle order, each validated (schema and rules)
 * before it is yielded: a file that fails is a fault and stops the export (RsmfInvalidError).
 */
export async function* rsmfFiles(selection: Selection, options: RsmfOptions): AsyncGenerator<RsmfFile> {
  for (const doc of selection.documents) {
    throwIfCancelled(options.token, 'The export');
    const built = await buildDocument(selection, doc, options);
    const members: ZipMember[] = [
      { name: RSMF_MANIFEST, bytes: Buffer.from(JSON.stringify(built.manifest, null, 2), 'utf8') },
      ...built.members,
    ];
    const zip = writeZip(members);
    const c = doc.conversation;
    const application = APPLICATIONS[c.platform] ?? c.platform;
    const attachmentCount = built.manifest.events.reduce((n, e) => n + (e.attachments?.length ?? 0), 0);
    const from = built.custodian ?? { id: '', display: c.custodian };
    const bytes = writeEml({
      from: { display: from.display ?? c.custodian, email: from.email ?? null },
      to: built.participants.map((p) => ({ display: p.display ?? p.id, email: p.email ?? null })),
      subject: `${application}: ${built.manifest.conversations[0]?.display ?? ''} (${doc.reference})`,
      date: built.lastAt,
      rsmf: [
        ['Version', RSMF_VERSION],
        ['Generator', options.generator],
        ['Application', application],
        ['Custodian', c.custodian],
        ['Participants', participantsHeader(built.participants.map((p) => p.display ?? p.id))],
        ...(built.firstAt === null ? [] : ([['BeginDate', iso(built.firstAt, selection.zone)]] as const)),
        ...(built.lastAt === null ? [] : ([['EndDate', iso(built.lastAt, selection.zone)]] as const)),
        ['EventCount', String(built.manifest.events.length)],
        ['AttachmentCount', String(attachmentCount)],
        ['EventCollectionID', built.manifest.eventcollectionid ?? ''],
      ],
      body: built.body,
      zip,
      idDomain: 'disclosure-desk.invalid',
    });
    const name = `${doc.reference}.rsmf`;
    await validateRsmf(name, bytes);
    yield {
      reference: doc.reference,
      name,
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      manifest: built.manifest,
      events: built.manifest.events.length,
      attachments: attachmentCount,
      eventCollectionId: built.manifest.eventcollectionid ?? '',
      messageIds: built.messageIds,
    };
  }
}
