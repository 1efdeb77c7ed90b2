import type { ScreenProps } from '../../app/screens';
import { useCaseSummary } from '../../app/useCaseSummary';
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatCount } from '../../format';

function entriesSentence(count: number | null): string {
  if (count === null) return 'The case keeps a hash-chained log of every change made to it.';
  const entries = count === 1 ? '1 entry' : `${formatCount(count)} entries`;
  return `This case’s log holds ${entries}, starting with the case’s creation. Each entry is chained to the one before it by a SHA-256 hash, so an edit or a deletion is detectable.`;
}

export function AuditScreen({ info }: ScreenProps) {
  const summary = useCaseSummary(info.caseId);
  return (
    <>
      <ScreenHeader title="Audit" description="Who changed what in this case, and when." />
      <EmptyState
        title="The audit log is not shown here yet"
        arrivesWith="Browsing and verifying the log arrives with the audit feature."
        capabilities={[
          'Every entry: who, what, when, and the item it concerns — imports, review decisions, redactions and bundles.',
          'A verification of the whole chain, reporting any entry that was edited or removed.',
        ]}
      >
        {entriesSentence(summary.status === 'ready' ? summary.counts.auditEntries : null)}
      </EmptyState>
    </>
  );
}
