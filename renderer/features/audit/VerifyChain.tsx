import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount } from '../../format';
import { useAuditVerify } from './useAuditVerify';

const entries = (n: number): string => `${formatCount(n)} ${n === 1 ? 'entry' : 'entries'}`;

/** Re-computes the whole hash chain in a job, and says whether it is intact or where it broke. */
export function VerifyChain() {
  const { state, start, cancel } = useAuditVerify();
  const running = state.status === 'running';
  return (
    <div className="audit-verify">
      <div role="status" className="audit-verify__result">
        {state.status === 'done' && state.result.ok && (
          <p className="audit-verify__ok">
            <strong>Chain intact: {entries(state.result.entries)}</strong>
            {state.result.head && (
              <>
                {' '}
                · head (entry #{state.result.head.id}){' '}
                <span className="mono audit-verify__hash" title={state.result.head.hash}>
                  {state.result.head.hash}
                </span>
              </>
            )}
          </p>
        )}
        {state.status === 'cancelled' && <p>The check was cancelled; nothing was concluded about the chain.</p>}
      </div>
      {state.status === 'done' && state.result.ok && state.result.head && (
        <CopyButton text={state.result.head.hash} what="the chain head hash" />
      )}
      <div className="audit-verify__bar">
        <Button variant="primary" small disabled={running} onClick={start}>
          Verify chain
        </Button>
        {running && (
          <>
            <ProgressBar
              label="Verifying the audit chain"
              fraction={state.total > 0 ? state.checked / state.total : null}
              valueText={state.total > 0 ? `${formatCount(state.checked)} of ${entries(state.total)} checked` : 'Starting'}
            />
            <Button small disabled={state.jobId === null} onClick={cancel}>
              Cancel check
            </Button>
          </>
        )}
      </div>
      {state.status === 'done' && !state.result.ok && (
        <div role="alert" className="alert alert--error audit-verify__broken">
          <p className="alert__title">
            The chain is broken{state.result.problems[0]?.entryId ? ` at entry #${state.result.problems[0].entryId}` : ''}: the log was
            changed outside Disclosure Desk
          </p>
          <ul>
            {state.result.problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
          <p>
            {entries(state.result.entries)} checked. Keep this case file as it is and report it: the entries named were edited, removed or
            moved after they were written.
          </p>
        </div>
      )}
      {state.status === 'failed' && (
        <div role="alert" className="alert alert--error">
          <p className="alert__title">The check could not run</p>
          <p className="alert__message">{state.message}</p>
        </div>
      )}
    </div>
  );
}
