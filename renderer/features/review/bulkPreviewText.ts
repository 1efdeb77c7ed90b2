/**
 * A bulk preview in words: "3 will change. Kept as they are: 1 individually coded “Withhold”, 1 with
 * live redactions." Pure, so the dialog and its tests read the same sentences.
 */
import type { Classification, Outcome, Relevance } from '../../../common/domain/model';
import type { DecidePreview, KeptGroup, KeptMessage } from '../../../common/contract/channels/review';
import { plural } from '../../format';
import { CLASSIFICATION_LABELS, OUTCOME_LABELS, RELEVANCE_LABELS } from './reviewLabels';

/** Why one group of messages is kept, after its count: "individually coded “Withhold”". */
export function keptWords(group: Pick<KeptGroup, 'reason' | 'value'>): string {
  switch (group.reason) {
    case 'redactions':
      return group.value === 'whole' ? 'redacted whole (always withheld)' : 'with live redactions';
    case 'outcome':
      return `individually coded “${OUTCOME_LABELS[group.value as Outcome] ?? group.value}”`;
    case 'article8':
      return 'with an individual Article 8 assessment';
    case 'classification':
      return `individually classified “${CLASSIFICATION_LABELS[group.value as Classification] ?? group.value}”`;
    case 'relevance':
      return `individually marked “${RELEVANCE_LABELS[group.value as Relevance] ?? group.value}”`;
    case 'rationale':
      return 'with an individual rationale';
  }
}

/** The first line of the preview: what changes, what already is so. */
export function changeSentence(preview: DecidePreview): string {
  const copies = preview.duplicates > 0 ? ` (targets include ${plural(preview.duplicates, 'copy', 'copies')} on other devices)` : '';
  const already =
    preview.unchanged > 0 ? ` ${plural(preview.unchanged, 'message')} already ${preview.unchanged === 1 ? 'has' : 'have'} it.` : '';
  return `${plural(preview.willChange, 'message')} will change${copies}.${already}`;
}

export function keptSentence(preview: DecidePreview): string | null {
  if (preview.keptGroups.length === 0) return null;
  return `Kept as they are: ${preview.keptGroups.map((g) => `${g.count.toLocaleString('en-GB')} ${keptWords(g)}`).join(', ')}.`;
}

/** One kept message's own reason, for the start of its row in the list: "Individually coded “Withhold”". */
export function keptRowReason(message: KeptMessage): string {
  const words = keptWords(message);
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}
