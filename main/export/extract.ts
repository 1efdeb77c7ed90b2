/**
 * What a PDF extract shows of a document unit: its header block, and its items as layout entries.
 * Consecutive withheld messages with the same reason collapse into one line; a change of reason
 * starts a new line. The export's PDF and the Bundles screen's preview both read extracts this way.
 */
import { printedLabelText } from '../redact/printed-labels';
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

function attachmentLine(a: SelectedAttachment): AttachmentLine {
  // Withheld whole: the slip stands in its place, and its name is not printed.
  if (a.withheld !== null) return { kind: 'withheld', text: attachmentSlipText(a.mime, a.withheld) };
  const name = a.name === null ? 'unnamed file' : printedLabelText(a.name);
  const what = a.mime ? ` (${a.mime})` : '';
  const why = a.missingReason ? `: ${a.missingReason}` : '';
  return { kind: 'listed', text: a.present ? `${name}${what} — not embedded` : `${name}${what} — not in the export${why}` };
}

/** A unit's items as the extract's entries, read as the layout asks for them. */
export function* extractEntries(items: Iterable<SelectedItem>, zone: string): Generator<Entry> {
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
    yield messageEntry(item, zone);
  }
  const last = flush();
  if (last) yield last;
}

function messageEntry(item: ProducedItem, zone: string): MessageEntry {
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
    attachments: item.attachments.map(attachmentLine),
    notes: item.alsoHeldBy.length ? [`Also held by: ${item.alsoHeldBy.join(', ')}`] : [],
    muted: message.kind === 'system' || message.deleted === 'placeholder',
  };
}
