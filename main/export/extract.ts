/**
 * What a PDF extract shows of a document unit: its header block, and its items as layout entries.
 * Consecutive withheld messages with the same reason collapse into one line; a change of reason
 * starts a new line. The export's PDF and the Bundles screen's preview both read extracts this way.
 */
import { formatBytes } from '../../common/domain/byte-size';
import { printedLabelText } from '../redact/printed-labels';
import type { AttachmentProduction } from './bundle-attachments';
import type { DocumentPlan, ItemReader, ProducedItem, SelectedAttachment, SelectedItem } from './items';
import type { AttachmentLine, Entry, LabelledValue, MessageEntry, WithheldEntry } from './layout';
import { localDay, localSpan, localStamp } from './times';
import { attachmentSlipText } from './withheld-attachments';

const PLATFORM_LABELS: Readonly<Record<string, string>> = {
  whatsapp: 'WhatsApp',
  sms: 'SMS',
  imessage: 'iMessage',
  telegram: 'Telegram',
  signal: 'Signal',
  other: 'Other',
};

export function extractDetails(reader: ItemReader, plan: DocumentPlan, reference: string): LabelledValue[] {
  const c = plan.conversation;
  return [
    { label: 'Reference', value: reference },
    { label: 'Platform', value: `${PLATFORM_LABELS[c.platform] ?? c.platform} (${c.kind === 'direct' ? 'one-to-one' : c.kind})` },
    { label: 'Participants', value: reader.participants(plan, ', ') },
    { label: 'Custodian', value: c.custodian },
    { label: 'Device', value: c.deviceLabel },
    { label: 'Source file', value: reader.printed.sourceFile(c.sourceId, c.sourceFile) },
    { label: 'Source SHA-256', value: c.sourceSha256 },
    ...(plan.day === null
      ? []
      : [
          {
            label: 'Extract',
            value: plan.day === 'undated' ? 'undated messages' : `${localDay(plan.firstAt ?? 0, reader.zone)} (${reader.zone})`,
          },
        ]),
    { label: 'Period', value: localSpan(plan.firstAt, plan.lastAt, reader.zone) },
  ];
}

/** What the bundle did with each readable attachment (bundle-attachments.ts), and the reference its images are captioned with. */
export interface ExtractAttachments {
  readonly productions: ReadonlyMap<number, AttachmentProduction>;
  readonly reference: string;
}

/**
 * An attachment's line: its image with a caption, a slip, or a line with its type, size and SHA-256,
 * or with why it is not produced. Without `produced` (the preview, which produces nothing) an image
 * the bundle would embed says so.
 */
function attachmentLine(a: SelectedAttachment, produced: ExtractAttachments | undefined): AttachmentLine {
  // Withheld whole: the slip stands in its place, and its name is not printed.
  if (a.withheld !== null) return { kind: 'withheld', text: attachmentSlipText(a.mime, a.withheld) };
  const name = a.name === null ? 'unnamed file' : printedLabelText(a.name);
  const what = a.mime ? ` (${a.mime})` : '';
  if (!a.present) return { kind: 'listed', text: `${name}${what} — not in the export${a.missingReason ? `: ${a.missingReason}` : ''}` };
  const production = produced?.productions.get(a.id);
  if (!produced) return { kind: 'listed', text: `${name}${what} — produced in the bundle` };
  if (!production) return { kind: 'listed', text: `${name}${what} — not produced: the case does not hold the file` };
  switch (production.kind) {
    case 'embedded':
      return {
        kind: 'image',
        attachmentId: a.id,
        image: production.rendition.image,
        name: a.name ?? 'Unnamed image',
        reference: produced.reference,
      };
    case 'not-produced':
      return { kind: 'listed', text: `${name} (${production.type}) — not produced: ${production.reason}` };
    case 'listed':
      return { kind: 'listed', text: `${name} — ${production.type}, ${formatBytes(a.size ?? 0)}, SHA-256 ${a.sha256 ?? 'not recorded'}` };
  }
}

/** A unit's items as the extract's entries, read as the layout asks for them. */
export function* extractEntries(items: Iterable<SelectedItem>, zone: string, produced?: ExtractAttachments): Generator<Entry> {
  let run: { ids: number[]; label: string; from: number | null; to: number | null } | null = null;
  const flush = (): WithheldEntry | null => {
    if (!run) return null;
    const entry: WithheldEntry = { kind: 'withheld', messageIds: run.ids, label: run.label, span: localSpan(run.from, run.to, zone) };
    run = null;
    return entry;
  };
  for (const item of items) {
    if (item.kind === 'withheld') {
      if (run && run.label !== item.reason) {
        const entry = flush();
        if (entry) yield entry;
      }
      run ??= { ids: [], label: item.reason, from: null, to: null };
      run.ids.push(item.message.id);
      if (item.message.sentAt !== null) {
        run.from ??= item.message.sentAt;
        run.to = item.message.sentAt;
      }
      continue;
    }
    const pending = flush();
    if (pending) yield pending;
    yield messageEntry(item, zone, produced);
  }
  const last = flush();
  if (last) yield last;
}

function messageEntry(item: ProducedItem, zone: string, produced: ExtractAttachments | undefined): MessageEntry {
  const { message } = item;
  const flags: string[] = [];
  if (message.edited !== 'none') flags.push('edited');
  if (message.deleted === 'placeholder') flags.push('deleted by the sender');
  if (message.deleted === 'recovered') flags.push('recovered deleted record');
  if (item.replyTo) {
    const to = item.replyTo.sender === null ? 'a message' : printedLabelText(item.replyTo.sender);
    flags.push(`reply to ${to}${item.replyTo.sentAt === null ? '' : `, ${localStamp(item.replyTo.sentAt, zone)}`}`);
  }
  return {
    kind: 'message',
    messageId: message.id,
    time:
      message.sentAt === null ? `undated${message.sentAtRaw ? ` (source: ${message.sentAtRaw})` : ''}` : localStamp(message.sentAt, zone),
    sender: item.sender,
    flags,
    text: item.text,
    attachments: item.attachments.map((a) => attachmentLine(a, produced)),
    notes: item.alsoHeldBy.length ? [`Also held by: ${item.alsoHeldBy.join(', ')}`] : [],
    muted: message.kind === 'system' || message.deleted === 'placeholder',
  };
}
