import type { CaseInfo } from '../../../common/domain/model';
import { Panel } from '../../components/Panel';
import { formatDateTimeIn } from '../../format';

const NOT_SET = 'Not recorded';

export function CaseDetailsPanel({ info }: { readonly info: CaseInfo }) {
  const rows: readonly [string, string, 'mono'?][] = [
    ['Case name', info.name],
    ['Inquiry', info.inquiry || NOT_SET],
    ['Request reference', info.requestReference || NOT_SET],
    ['Reference prefix', info.referencePrefix, 'mono'],
    ['Protective marking', info.protectiveMarking || NOT_SET],
    ['Default time zone', info.defaultTimeZone],
    ['Created', formatDateTimeIn(info.createdAt, info.defaultTimeZone)],
    ['Case type', info.mode === 'custodian_check' ? 'Custodian check pack' : 'Full case'],
    ['Access', info.readOnly ? 'Read-only (the file is not writable)' : 'Read and write'],
    ['Case file', info.path, 'mono'],
    ['Schema version', String(info.schemaVersion)],
  ];
  return (
    <Panel id="case-details-title" title="Case details">
      <dl className="details">
        {rows.map(([label, value, style]) => (
          <div key={label} className="details__row">
            <dt className="details__label">{label}</dt>
            <dd className={style === 'mono' ? 'details__value mono' : 'details__value'}>{value}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}
