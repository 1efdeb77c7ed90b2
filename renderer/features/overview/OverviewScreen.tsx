import { useCaseSummary } from '../../app/useCaseSummary';
import type { ScreenProps } from '../../app/screens';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';
import { CaseDetailsPanel } from './CaseDetailsPanel';
import { CountsPanel } from './CountsPanel';
import { NextStep } from './NextStep';
import './overview.css';

export function OverviewScreen({ info, goTo }: ScreenProps) {
  const summary = useCaseSummary(info.caseId);
  return (
    <>
      <ScreenHeader title="Overview" description="What this case holds and how far the review has come." />
      {summary.status === 'failed' && <ErrorAlert title="The case summary could not be read" message={summary.message} />}
      <div className="overview">
        <div className="overview__main">
          {summary.status === 'ready' && summary.counts.sources === 0 && <NextStep goTo={goTo} readOnly={info.readOnly} />}
          <CountsPanel counts={summary.status === 'ready' ? summary.counts : null} />
        </div>
        <CaseDetailsPanel info={info} />
      </div>
    </>
  );
}
