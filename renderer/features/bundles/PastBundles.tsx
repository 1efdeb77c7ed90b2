import type { z } from 'zod';
import type { BundleSummarySchema } from '../../../preload/channels/export';
import { formatCount, formatDateTime } from '../../format';

type BundleSummary = z.output<typeof BundleSummarySchema>;

const reference = (bundle: BundleSummary): string => `${bundle.prefix}${String(bundle.firstNumber).padStart(bundle.width, '0')}`;

/** Bundles produced from this case, newest first. */
export function PastBundles({ bundles }: { readonly bundles: readonly BundleSummary[] }) {
  if (bundles.length === 0) return <p className="bundles__none">No bundle has been produced from this case yet.</p>;
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Bundles produced</caption>
        <thead>
          <tr>
            <th scope="col">Produced</th>
            <th scope="col">First reference</th>
            <th scope="col">Unit</th>
            <th scope="col" className="data-table__number">
              Items
            </th>
            <th scope="col" className="data-table__number">
              Pages
            </th>
            <th scope="col">Folder</th>
          </tr>
        </thead>
        <tbody>
          {bundles.map((bundle) => (
            <tr key={bundle.id}>
              <th scope="row">
                {formatDateTime(bundle.createdAt)} · {bundle.createdBy}
              </th>
              <td className="mono">{reference(bundle)}</td>
              <td>{bundle.documentUnit === 'day' ? '24-hour slice' : 'Conversation'}</td>
              <td className="data-table__number">{formatCount(bundle.items)}</td>
              <td className="data-table__number">{formatCount(bundle.pageCount)}</td>
              <td className="mono bundles__folder">{bundle.outputDir}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
