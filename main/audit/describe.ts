/**
 * How an audit entry reads on the Audit screen: a label for its action and a one-line summary drawn
 * from its details. Pure; the details are whatever the service that wrote the entry recorded, so each
 * field is read defensively and an action this build does not know still reads as its raw name.
 */

export const ACTION_LABELS: Readonly<Record<string, string>> = {
  'case.created': 'Case created',
  'custodian.added': 'Custodian added',
  'source.imported': 'Source imported',
  'review.decided': 'Review decision',
  'review.undone': 'Decision undone',
  'review.redone': 'Decision redone',
  'review.attachmentsDecided': 'Attachment decision',
  'redaction.added': 'Redaction added',
  'redaction.removed': 'Redaction removed',
  'redaction.occurrences_applied': 'Every occurrence redacted',
  'redaction-name.added': 'Name listed for redaction',
  'redaction-name.removed': 'Name unlisted',
  'label-redaction.added': 'Label redacted',
  'label-redaction.removed': 'Label redaction removed',
  'reason.added': 'Reason added',
  'reason.updated': 'Reason changed',
  'pack.created': 'Check pack created',
  'pack.exported': 'Check pack exported',
  'pack.flagged': 'Custodian flag',
  'pack.flagsImported': 'Custodian flags imported',
  'flags.accepted': 'Flags accepted',
  'flags.rejected': 'Flags rejected',
  'bundle.exported': 'Bundle exported',
  'bundle.interrupted-removed': 'Unfinished export removed',
};

export const actionLabel = (action: string): string => ACTION_LABELS[action] ?? action;

type Details = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : null;
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
const listed = (value: unknown): number | null => (Array.isArray(value) ? value.length : null);
const parts = (...items: readonly (string | null | false)[]): string =>
  items.filter((i): i is string => typeof i === 'string' && i.length > 0).join(' · ');

/** The entry in one line. `batchSummary` is the review batch's own summary, where the entry has one. */
export function summarise(action: string, subject: string, details: Details, batchSummary: string | null): string {
  switch (action) {
    case 'case.created':
      return parts(
        text(details.name) && `“${text(details.name)}”`,
        text(details.referencePrefix) && `prefix ${text(details.referencePrefix)}`,
      );
    case 'custodian.added':
      return parts(text(details.name), text(details.role));
    case 'source.imported':
      return parts(
        text(details.fileName),
        text(details.custodian),
        count(details.messages) !== null && plural(count(details.messages)!, 'message'),
      );
    case 'review.decided':
      return parts(batchSummary, count(details.changed) !== null && `${plural(count(details.changed)!, 'message')} changed`);
    case 'review.attachmentsDecided':
      return parts(batchSummary, count(details.changed) !== null && `${plural(count(details.changed)!, 'attachment')} changed`);
    case 'review.undone':
    case 'review.redone':
      return parts(batchSummary, count(details.changed) !== null && `${plural(count(details.changed)!, 'message')} changed`);
    case 'redaction.added':
      return parts(text(details.kind) === 'whole' ? 'Whole item' : 'Span', text(details.reasonCode), text(details.note));
    case 'redaction.removed':
      return parts(
        listed(details.redactionIds) !== null && plural(listed(details.redactionIds)!, 'redaction'),
        listed(details.messageIds) !== null && `on ${plural(listed(details.messageIds)!, 'message')}`,
      );
    case 'redaction.occurrences_applied':
      return parts(
        count(details.added) !== null && `${plural(count(details.added)!, 'span')} added`,
        text(details.reasonCode),
        count(details.alreadyRedacted) ? `${count(details.alreadyRedacted)} already redacted` : null,
      );
    case 'redaction-name.added':
    case 'redaction-name.removed':
      return parts(text(details.name));
    case 'label-redaction.added':
      return parts(
        subject.startsWith('conversation:') ? 'Conversation title' : 'Sender label',
        text(details.reasonCode),
        text(details.note),
      );
    case 'label-redaction.removed':
      return subject.startsWith('conversation:') ? 'Conversation title' : 'Sender label';
    case 'reason.added':
      return parts(subject.replace(/^reason:/, ''), text(details.label));
    case 'reason.updated': {
      const before = (details.before ?? {}) as Details;
      const after = (details.after ?? {}) as Details;
      return parts(
        subject.replace(/^reason:/, ''),
        text(before.label) && text(after.label) && `“${text(before.label)}” → “${text(after.label)}”`,
      );
    }
    case 'pack.created':
    case 'pack.exported':
      return parts(
        text(details.custodian),
        text(details.file),
        count(details.messages) !== null && plural(count(details.messages)!, 'message'),
      );
    case 'pack.flagged':
      return parts(text(details.reason));
    case 'pack.flagsImported':
      return parts(text(details.custodian), count(details.flags) !== null && plural(count(details.flags)!, 'flag'));
    case 'flags.accepted':
    case 'flags.rejected':
      return parts(listed(details.flagIds) !== null && plural(listed(details.flagIds)!, 'flag'), text(details.note));
    case 'bundle.exported':
      return parts(
        text(details.references),
        count(details.pages) !== null && plural(count(details.pages)!, 'page'),
        count(details.produced) !== null && `${plural(count(details.produced)!, 'item')} produced`,
      );
    case 'bundle.interrupted-removed':
      return parts(text(details.bundleDir));
    default:
      return subject;
  }
}
