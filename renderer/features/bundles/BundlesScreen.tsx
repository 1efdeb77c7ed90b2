import type { ScreenProps } from '../../app/screens';
import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';

export function BundlesScreen({ info }: ScreenProps) {
  return (
    <>
      <ScreenHeader title="Bundles" description="Produce the disclosure: numbered PDF, schedule and manifest." />
      <EmptyState
        title="No bundles yet"
        arrivesWith="Producing bundles arrives with the bundle export feature."
        capabilities={[
          `Bundle settings — item references numbered with this case’s prefix, ${info.referencePrefix}, and the document unit — with a preview of the pages.`,
          `A PDF marked ${info.protectiveMarking || 'with the case’s protective marking'} on every page, a schedule of the items produced, and a manifest of SHA-256 hashes.`,
          'A verification after writing that no redacted text appears anywhere in the PDF.',
        ]}
      >
        No disclosure bundle has been produced from this case.
      </EmptyState>
    </>
  );
}
