import { useId } from 'react';
import { describeLeak, type FixTarget, type LeakFailure, type VerifyProblem, type VerifyReport } from '../../../common/domain/verification';
import { Button } from '../../components/Button';
import { plural } from '../../format';
import './verification-failures.css';

/** Opens the place a failure is fixed: a message or conversation in Review, or the Redaction screen's names and titles. */
export type OpenFix = (target: FixTarget) => void;

const sentence = (text: string): string => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

/** An export verification refused: nothing was kept, and each problem says which decision, where, why and how to fix it. */
export function ExportRefused({ report, onOpen }: { readonly report: VerifyReport; readonly onOpen: OpenFix }) {
  return (
    <section className="export-refused" aria-labelledby="export-refused-title">
      <h3 id="export-refused-title" className="export-refused__title">
        Export refused: the bundle failed verification
      </h3>
      <p>Nothing was written or recorded. {plural(report.problems.length, 'problem')} to fix, then export again.</p>
      <VerificationFailures problems={report.problems} onOpen={onOpen} />
    </section>
  );
}

export function VerificationFailures({ problems, onOpen }: { readonly problems: readonly VerifyProblem[]; readonly onOpen: OpenFix }) {
  return (
    <ol className="verify-failures" aria-label="Verification failures">
      {problems.map((problem, index) => (
        <li key={index} className="verify-failure">
          {problem.check === 'leak' ? (
            <LeakFailureView leak={problem.leak} onOpen={onOpen} />
          ) : (
            <p className="verify-failure__what">{problem.message}</p>
          )}
        </li>
      ))}
    </ol>
  );
}

function LeakFailureView({ leak, onOpen }: { readonly leak: LeakFailure; readonly onOpen: OpenFix }) {
  const headingId = useId();
  const words = describeLeak(leak);
  const opens = [...words.causes.flatMap((c) => (c.open ? [c.open] : [])), ...(words.openHidden ? [words.openHidden] : [])];
  // One button per place: a cause whose place is the redacted message itself needs no second button for it.
  const buttons = opens.filter((open, i) => opens.findIndex((o) => JSON.stringify(o.target) === JSON.stringify(open.target)) === i);
  return (
    <>
      <p id={headingId} className="verify-failure__what">
        {words.what}
      </p>
      <dl className="verify-failure__facts">
        <div className="verify-failure__cause">
          <dt>Found in</dt>
          <dd>{sentence(words.where)}</dd>
        </div>
        {words.causes.map((cause, i) => (
          <div key={i} className="verify-failure__cause">
            <dt>Why</dt>
            <dd>{sentence(cause.why)}</dd>
            <dt>Fix</dt>
            <dd>{sentence(cause.fix)}</dd>
          </div>
        ))}
      </dl>
      {buttons.length > 0 && (
        <div className="verify-failure__actions">
          {buttons.map((open, i) => (
            <Button
              key={open.label}
              small
              variant={i === 0 ? 'primary' : 'default'}
              aria-describedby={headingId}
              onClick={() => onOpen(open.target)}
            >
              {open.label}
            </Button>
          ))}
        </div>
      )}
    </>
  );
}
