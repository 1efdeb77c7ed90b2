import type { z } from 'zod';
import type { BundleSummarySchema } from '../../../common/contract/channels/export';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { formatCount, formatDateTime } from '../../format';

export type BundleSummary = z.output<typeof BundleSummarySchema>;

/** "INQ000000001–INQ000000004", or "DRAFT-INQ…" for a draft. */
export function bundleReferences(bundle: BundleSummary): string {
  const prefix = bundle.draft ? `DRAFT-${bundle.prefix}` : bundle.prefix;
  const ref = (n: number): string => `${prefix}${String(n).padStart(bundle.width, '0')}`;
  return bundle.firstNumber === bundle.lastNumber ? ref(bundle.firstNumber) : `${ref(bundle.firstNumber)}–${ref(bundle.lastNumber)}`;
}

function Status({ bundle }: { readonly bundle: BundleSummary }) {
  if (bundle.draft) return <Badge tone="warning">Draft — not for disclosure</Badge>;
  if (bundle.reissueOf === null) return <Badge tone="success">Final</Badge>;
  return (
    <>
      <Badge tone="info">Version {bundle.version}</Badge>{' '}
      <span className="bundles__reason">
        re-issue of #{bundle.reissueOf}: {bundle.reissueReason}
      </span>
    </>
  );
}

/** Bundles produced from this case, newest first: drafts marked as such, re-issues with their version and reason. */
export function PastBundles({
  bundles,
  onReissue,
  disabled,
}: {
  readonly bundles: readonly BundleSummary[];
  readonly onReissue: (bundle: BundleSummary) => void;
  readonly disabled: boolean;
}) {
  if (bundles.length === 0) return <p className="bundles__none">No bundle has been produced from this case yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Bundles produced</caption>
        <thead>
          <tr>
            <th scope="col">Produced</th>
            <th scope="col">References</th>
            <th scope="col">Status</th>
            <th scope="col">Unit</th>
            <th scope="col" className="data-table__number">
              Items
            </th>
            <th scope="col" className="data-table__number">
              Pages
            </th>
            <th scope="col">Folder</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {bundles.map((bundle) => (
            <tr key={bundle.id} className={bundle.draft ? 'bundles__draft-row' : undefined}>
              <th scope="row">
                #{bundle.id} · {formatDateTime(bundle.createdAt)} · {bundle.createdBy}
              </th>
              <td className="mono">{bundleReferences(bundle)}</td>
              <td>
                <Status bundle={bundle} />
                {bundle.warningsAcknowledged > 0 && (
                  <span className="bundles__reason"> · {formatCount(bundle.warningsAcknowledged)} checked and accepted</span>
                )}
              </td>
              <td>{bundle.documentUnit === 'day' ? '24-hour slice' : 'Conversation'}</td>
              <td className="data-table__number">{formatCount(bundle.items)}</td>
              <td className="data-table__number">{formatCount(bundle.pageCount)}</td>
              <td className="mono bundles__folder">{bundle.outputDir}</td>
              <td>
                {!bundle.draft && (
                  <Button
                    small
                    onClick={() => onReissue(bundle)}
                    disabled={disabled}
                    aria-label={`Re-issue bundle #${bundle.reissueOf ?? bundle.id} (${bundleReferences(bundle)})`}
                  >
                    Re-issue
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
