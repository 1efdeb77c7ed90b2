/**
 * "Verify chain": starts the `audit --verify` check as a job in main and follows it by its events.
 */
import { useEffect, useRef, useState } from 'react';
import type { AuditVerificationInfo } from '../../../common/contract/channels/audit';
import { desk, errorMessage } from '../../api';

export type VerifyState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly jobId: string | null; readonly checked: number; readonly total: number }
  | { readonly status: 'done'; readonly result: AuditVerificationInfo }
  | { readonly status: 'cancelled' }
  | { readonly status: 'failed'; readonly message: string };

export function useAuditVerify(): { readonly state: VerifyState; readonly start: () => void; readonly cancel: () => void } {
  const [state, setState] = useState<VerifyState>({ status: 'idle' });
  const jobRef = useRef<string | null>(null);

  useEffect(() => {
    const offProgress = desk().onAuditVerifyProgress((p) => {
      if (p.jobId === jobRef.current) setState({ status: 'running', jobId: p.jobId, checked: p.checked, total: p.total });
    });
    const offFinished = desk().onAuditVerifyFinished((f) => {
      if (f.jobId !== jobRef.current) return;
      jobRef.current = null;
      if (f.result) setState({ status: 'done', result: f.result });
      else if (f.cancelled) setState({ status: 'cancelled' });
      else setState({ status: 'failed', message: f.error?.message ?? 'The check stopped without a result.' });
    });
    return () => {
      offProgress();
      offFinished();
      // Leaving the screen stops a check no one is watching; it only reads, so nothing is lost.
      if (jobRef.current) void desk().cancelAuditVerify({ jobId: jobRef.current });
    };
  }, []);

  const start = (): void => {
    setState({ status: 'running', jobId: null, checked: 0, total: 0 });
    void (async () => {
      try {
        const { jobId } = await desk().verifyAuditChain();
        jobRef.current = jobId;
        setState((s) => (s.status === 'running' ? { ...s, jobId } : s));
      } catch (err) {
        setState({ status: 'failed', message: errorMessage(err) });
      }
    })();
  };

  const cancel = (): void => {
    if (jobRef.current) void desk().cancelAuditVerify({ jobId: jobRef.current });
  };

  return { state, start, cancel };
}
