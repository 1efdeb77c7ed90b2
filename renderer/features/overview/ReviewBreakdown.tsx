import type { ReactNode } from 'react';
import type { CustodianProgress, ReviewerProgress } from '../../../common/contract/channels/review';
import { CLASSIFICATIONS, OUTCOMES, type Classification, type Outcome } from '../../../common/domain/model';
import { CLASSIFICATION_LABELS, OUTCOME_LABELS } from '../../../common/domain/review-labels';
import { Panel } from '../../components/Panel';
import { formatCount } from '../../format';

interface ReviewBreakdownProps {
  /** Null while they load. */
  readonly custodians: readonly CustodianProgress[] | null;
  readonly reviewers: readonly ReviewerProgress[] | null;
}

const sum = (rows: readonly CustodianProgress[], pick: (row: CustodianProgress) => number): number =>
  rows.reduce((total, row) => total + pick(row), 0);

/** Where the review stands: every message by outcome and classification, and per custodian and per reviewer. */
export function ReviewBreakdown({ custodians, reviewers }: ReviewBreakdownProps) {
  const rows = custodians ?? [];
  return (
    <Panel
      id="review-breakdown"
      title="Review by outcome, classification, custodian and reviewer"
      busy={custodians === null || reviewers === null}
    >
      <div className="breakdown">
        <Figures<Outcome>
          caption="By outcome"
          values={OUTCOMES}
          label={(value) => OUTCOME_LABELS[value]}
          count={(value) => sum(rows, (row) => row.byOutcome[value])}
        />
        <Figures<Classification>
          caption="By classification"
          values={CLASSIFICATIONS}
          label={(value) => CLASSIFICATION_LABELS[value]}
          count={(value) => sum(rows, (row) => row.byClassification[value])}
        />
      </div>
      <Table caption="By custodian" head={['Custodian', 'Messages', 'Reviewed', 'Disclose', 'With redactions', 'Withhold', 'Pending']}>
        {rows.map((row) => (
          <tr key={row.custodianId}>
            <th scope="row">{row.custodian}</th>
            <Numbers
              values={[
                row.total,
                row.reviewed,
                row.byOutcome.disclose,
                row.byOutcome.disclose_redacted,
                row.byOutcome.withhold,
                row.byOutcome.pending,
              ]}
            />
          </tr>
        ))}
      </Table>
      <Table
        caption="By reviewer"
        head={['Reviewer', 'Messages decided', 'Disclose', 'With redactions', 'Withhold']}
        empty="No decisions yet."
      >
        {(reviewers ?? []).map((row) => (
          <tr key={row.reviewer}>
            <th scope="row">{row.reviewer}</th>
            <Numbers values={[row.reviewed, row.disclose, row.discloseRedacted, row.withhold]} />
          </tr>
        ))}
      </Table>
    </Panel>
  );
}

function Figures<V extends string>(props: {
  readonly caption: string;
  readonly values: readonly V[];
  readonly label: (value: V) => string;
  readonly count: (value: V) => number;
}) {
  return (
    <table className="data-table breakdown__figures">
      <caption className="breakdown__caption">{props.caption}</caption>
      <tbody>
        {props.values.map((value) => (
          <tr key={value}>
            <th scope="row">{props.label(value)}</th>
            <td className="data-table__number">{formatCount(props.count(value))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Table(props: {
  readonly caption: string;
  readonly head: readonly string[];
  readonly children: ReactNode[];
  readonly empty?: string;
}) {
  return (
    // Focusable, as a region that may scroll sideways must be for keyboard users (and then the screen has something to scroll by keyboard).
    <div className="table-scroll breakdown__table" tabIndex={0} role="group" aria-label={props.caption}>
      <table className="data-table">
        <caption className="breakdown__caption">{props.caption}</caption>
        <thead>
          <tr>
            {props.head.map((title, index) => (
              <th key={title} scope="col" className={index === 0 ? undefined : 'data-table__number'}>
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.children.length === 0 && props.empty ? (
            <tr>
              <td colSpan={props.head.length}>{props.empty}</td>
            </tr>
          ) : (
            props.children
          )}
        </tbody>
      </table>
    </div>
  );
}

function Numbers({ values }: { readonly values: readonly number[] }) {
  return (
    <>
      {values.map((value, index) => (
        <td key={index} className="data-table__number">
          {formatCount(value)}
        </td>
      ))}
    </>
  );
}
