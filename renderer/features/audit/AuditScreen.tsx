import { useMemo, useState } from 'react';
import type { AuditListEntry } from '../../../common/contract/channels/audit';
import { desk } from '../../api';
import type { ScreenProps } from '../../app/screens';
import { useLoaded } from '../../app/useLoaded';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatCount } from '../../format';
import type { ReviewPlace } from '../review/reviewPlace';
import { usableZone } from '../review/timeFormat';
import { AuditEntryDetails } from './AuditEntryDetails';
import { AuditFiltersBar } from './AuditFiltersBar';
import { AuditList } from './AuditList';
import { activeAuditFilters, NO_AUDIT_FILTERS, toAuditFilter, type AuditFilterDraft } from './auditFilters';
import { useAuditLog } from './useAuditLog';
import { VerifyChain } from './VerifyChain';
import './audit.css';

interface AuditScreenProps extends ScreenProps {
  /** Opens an entry's message (or conversation) on the Review screen. */
  readonly onOpenInReview: (place: ReviewPlace) => void;
}

const entries = (n: number): string => `${formatCount(n)} ${n === 1 ? 'entry' : 'entries'}`;

export function AuditScreen({ info, goTo, onOpenInReview }: AuditScreenProps) {
  const timeZone = usableZone(info.defaultTimeZone);
  const [draft, setDraft] = useState<AuditFilterDraft>(NO_AUDIT_FILTERS);
  const [active, setActive] = useState(0);
  const parsed = useMemo(() => toAuditFilter(draft, timeZone), [draft, timeZone]);
  const filterKey = JSON.stringify(parsed.filter);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed by value: a new draft with the same meaning keeps the listing
  const filter = useMemo(() => parsed.filter, [filterKey]);
  const log = useAuditLog(filter, info.caseId);
  const facets = useLoaded(async () => desk().auditFacets(), info.caseId);
  const conversations = useLoaded(
    async () => (draft.itemKind === 'conversation' ? desk().listConversations({}) : []),
    `${info.caseId}:${draft.itemKind}`,
  );

  const changeDraft = (next: AuditFilterDraft): void => {
    setDraft(next);
    setActive(0);
  };

  const open = (entry: AuditListEntry): void => {
    const target = entry.target;
    if (!target) return;
    switch (target.kind) {
      case 'message':
        onOpenInReview({ sourceId: null, conversationId: target.conversationId, position: target.position });
        break;
      case 'conversation':
        onOpenInReview({ sourceId: null, conversationId: target.conversationId });
        break;
      case 'bundle':
        goTo('bundles');
        break;
      case 'source':
        goTo('sources');
        break;
      case 'screen':
        goTo(target.screen);
        break;
    }
  };

  const all = facets.status === 'ready' ? facets.value.entries : null;
  const count =
    log.total === null
      ? 'Counting entries'
      : activeAuditFilters(draft) > 0 && all !== null
        ? `${formatCount(log.total)} of ${entries(all)}`
        : entries(log.total);

  return (
    <div className="audit">
      <ScreenHeader
        title="Audit"
        description="Who changed what, and when. Each entry is chained to the one before it by a SHA-256 hash, so an edit or a deletion shows."
      />
      <AuditFiltersBar
        draft={draft}
        onChange={changeDraft}
        actions={facets.status === 'ready' ? facets.value.actions : []}
        actors={facets.status === 'ready' ? facets.value.actors : []}
        conversations={conversations.status === 'ready' ? conversations.value : []}
        problem={parsed.problem}
      />
      <div className="audit__toolbar">
        <p className="audit__count" aria-live="polite">
          {count}
        </p>
        <VerifyChain />
      </div>
      <ErrorAlert title="The audit log could not be read" message={log.error ?? (facets.status === 'failed' ? facets.message : null)} />
      <AuditList log={log} timeZone={timeZone} active={active} onActiveChange={setActive} onOpen={open} />
      <AuditEntryDetails entry={log.entryAt(active)} timeZone={timeZone} onOpen={open} />
    </div>
  );
}
