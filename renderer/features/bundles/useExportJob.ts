import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { PayloadOf } from '../../../common/contract';
import { desk, errorMessage } from '../../api';
import type { ExportSettingsArgs } from './bundleSettings';

export type ExportProgress = PayloadOf<'export.progress'>;
export type ExportFinished = PayloadOf<'export.finished'>;

export type ExportState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly jobId: string | null; readonly progress: ExportProgress | null; readonly cancelling: boolean }
  | { readonly status: 'done'; readonly finished: ExportFinished }
  | { readonly status: 'failed'; readonly message: string };

/** One export at a time: started, followed through its progress events, cancelled, finished. */
export function useExportJob(onFinished: () => void) {
  const [state, setState] = useState<ExportState>({ status: 'idle' });
  const jobId = useRef<string | null>(null);
  /** Finished events of jobs not yet known here: a small export can finish before its start call returns. */
  const early = useRef(new Map<string, ExportFinished>());
  const notify = useEffectEvent(onFinished);

  useEffect(() => {
    const offProgress = desk().onExportProgress((progress) => {
      if (progress.jobId !== jobId.current) return;
      setState((current) => (current.status === 'running' ? { ...current, progress } : current));
    });
    const offFinished = desk().onExportFinished((payload) => {
      if (payload.jobId !== jobId.current) {
        early.current.set(payload.jobId, payload);
        return;
      }
      jobId.current = null;
      setState({ status: 'done', finished: payload });
      notify();
    });
    return () => {
      offProgress();
      offFinished();
    };
  }, []);

  return {
    state,
    /** `acknowledged`: the fingerprint of the consistency report the reviewer ticked, if it listed anything. */
    async start(settings: ExportSettingsArgs, acknowledged: string | null): Promise<void> {
      setState({ status: 'running', jobId: null, progress: null, cancelling: false });
      try {
        const started = await desk().startExport({ settings, acknowledged });
        jobId.current = started.jobId;
        setState((current) => (current.status === 'running' ? { ...current, jobId: started.jobId } : current));
        const done = early.current.get(started.jobId);
        if (done) {
          jobId.current = null;
          setState({ status: 'done', finished: done });
          onFinished();
        }
      } catch (err) {
        setState({ status: 'failed', message: errorMessage(err) });
      }
    },
    async cancel(): Promise<void> {
      if (state.status !== 'running' || !state.jobId) return;
      setState({ ...state, cancelling: true });
      try {
        await desk().cancelExport({ jobId: state.jobId });
      } catch (err) {
        setState({ status: 'failed', message: errorMessage(err) });
      }
    },
  };
}
