import type { CaseCounts, SummaryCount } from '../../../common/domain/model';
import { Panel } from '../../components/Panel';
import { formatCount } from '../../format';

const LABELS: Readonly<Record<SummaryCount, string>> = {
  custodians: 'Custodians',
  sources: 'Sources',
  conversations: 'Conversations',
  messages: 'Messages',
  attachments: 'Attachments',
  participants: 'Participants',
  people: 'People',
  reviews: 'Review decisions',
  reviewEvents: 'Review changes',
  redactions: 'Redactions',
  bundles: 'Bundles',
  auditEntries: 'Audit entries',
};

interface CountGroup {
  readonly id: string;
  readonly title: string;
  readonly counts: readonly SummaryCount[];
  /** Chosen so that rows break where the meaning does, not where the width runs out. */
  readonly columns: 4 | 5;
}

const GROUPS: readonly CountGroup[] = [
  {
    id: 'counts-collected',
    title: 'Collected material',
    counts: ['custodians', 'sources', 'conversations', 'messages', 'attachments', 'participants', 'people'],
    columns: 4,
  },
  {
    id: 'counts-review',
    title: 'Review and disclosure',
    counts: ['reviews', 'reviewEvents', 'redactions', 'bundles', 'auditEntries'],
    columns: 5,
  },
];

/** The case summary's counts; `null` while they load. */
export function CountsPanel({ counts }: { readonly counts: CaseCounts | null }) {
  return (
    <>
      {GROUPS.map((group) => (
        <Panel key={group.id} id={group.id} title={group.title} busy={counts === null}>
          <dl className={`counts counts--columns-${group.columns}`}>
            {group.counts.map((key) => (
              <div key={key} className="counts__item">
                <dt className="counts__label">{LABELS[key]}</dt>
                <dd className="counts__value">{counts ? formatCount(counts[key]) : '…'}</dd>
              </div>
            ))}
          </dl>
        </Panel>
      ))}
    </>
  );
}
