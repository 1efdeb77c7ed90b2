import { desk } from '../../api';
import { useCaseRevision } from '../../app/ImportJobsProvider';
import { useCaseSummary } from '../../app/useCaseSummary';
import { useLoaded } from '../../app/useLoaded';
import type { ScreenProps } from '../../app/screens';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';
import { CaseDetailsPanel } from './CaseDetailsPanel';
import { CountsPanel } from './CountsPanel';
import { NextStep } from './NextStep';
import { ReviewBreakdown } from './ReviewBreakdown';
import './overview.css';

export function OverviewScreen({ info, goTo }: ScreenProps) {
  const summary = useCaseSummary(info.caseId);
  const revision = useCaseRevision();
  const breakdown = useLoaded(
    async () => ({ custodians: (await desk().reviewProgress({})).custodians, reviewers: await desk().reviewReviewers() }),
    `${info.caseId}:${revision}`,
  );
  return (
    <>
      <ScreenHeader title="Overview" description="What this case holds and how far the review has come." />
      {summary.status === 'failed' && <ErrorAlert title="The case summary could not be read" message={summary.message} />}
      <div className="overview">
        <div className="overview__main">
          {summary.status === 'ready' && summary.counts.sources === 0 && <NextStep goTo={goTo} readOnly={info.readOnly} />}
          <CountsPanel counts={summary.status === 'ready' ? summary.counts : null} />
          {breakdown.status === 'failed' && <ErrorAlert title="The review figures could not be read" message={breakdown.message} />}
          <ReviewBreakdown
            custodians={breakdown.status === 'ready' ? breakdown.value.custodians : null}
            reviewers={breakdown.status === 'ready' ? breakdown.value.reviewers : null}
          />
        </div>
        <CaseDetailsPanel info={info} />
      </div>
    </>
  );
}
