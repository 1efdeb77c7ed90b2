import { useState } from 'react';
import type { ScreenProps } from '../../app/screens';
import { desk } from '../../api';
import { useLoaded } from '../../app/useLoaded';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Panel } from '../../components/Panel';
import { ProgressBar } from '../../components/ProgressBar';
import { ScreenHeader } from '../../components/ScreenHeader';
import { formatCount, plural } from '../../format';
import type { RedactionTab } from '../redaction/RedactionScreen';
import type { ReviewPlace } from '../review/reviewPlace';
import { usableZone } from '../review/timeFormat';
import { BundleSettingsForm } from './BundleSettingsForm';
import { defaultForm, isDraft, toSettings, type BundleForm } from './bundleSettings';
import { ConsistencyReport } from './ConsistencyReport';
import { ExportOutcome } from './ExportOutcome';
import { interruptedNotes } from './leftovers';
import { PagePreview } from './PagePreview';
import { bundleReferences, PastBundles, type BundleSummary } from './PastBundles';
import { useExportJob, type ExportProgress } from './useExportJob';
import { ExportRefused, type OpenFix } from './VerificationFailures';
import './bundles.css';

const PHASES: Readonly<Record<ExportProgress['phase'], string>> = {
  planning: 'Choosing the items',
  drawing: 'Drawing pages',
  numbering: 'Numbering the pages',
  writing: 'Writing the files',
  verifying: 'Verifying the bundle',
};

const PREVIEW_PAGES = 3;

interface BundlesScreenProps extends ScreenProps {
  /** Where a verification failure's fix or an item to check is: a message or conversation in Review… */
  readonly onOpenInReview: (place: ReviewPlace) => void;
  /** …or a tab of the Redaction screen (a redacted name or title). */
  readonly onOpenRedaction: (tab: RedactionTab) => void;
}

/**
 * Producing the disclosure (docs/spec.md §7, §12): settings, the references the bundle will get, the items to
 * check before export (acknowledged with a tick), a preview of the first pages, export with progress
 * and verification, and the bundles produced, each re-issuable.
 */
export function BundlesScreen({ app, info, onOpenInReview, onOpenRedaction }: BundlesScreenProps) {
  const timeZone = usableZone(info.defaultTimeZone);
  const [form, setForm] = useState<BundleForm>(() => defaultForm(info.referencePrefix));
  const [error, setError] = useState<string | null>(null);
  const [listRevision, setListRevision] = useState(0);
  const custodians = useLoaded(() => desk().listCustodians(), info.caseId);
  const bundles = useLoaded(() => desk().listBundles(), `${info.caseId}:${listRevision}`);
  const interrupted = useLoaded(() => desk().interruptedExports(), info.caseId);
  const job = useExportJob(() => setListRevision((value) => value + 1));
  const blocked = info.readOnly
    ? 'This case is read-only: a bundle cannot be recorded in it.'
    : info.mode === 'custodian_check'
      ? 'This is a custodian check pack: bundles are produced from the reviewer’s case.'
      : null;

  const { settings, problem } = toSettings(form, timeZone);
  const previewKey = JSON.stringify(settings);
  const preview = useLoaded(
    async () => (problem ? null : desk().previewExport({ settings, pages: PREVIEW_PAGES })),
    `${info.caseId}:${listRevision}:${previewKey}`,
  );
  const check = useLoaded(async () => (problem ? null : desk().checkExport({ settings })), `${info.caseId}:${listRevision}:${previewKey}`);
  const checked = check.status === 'ready' ? check.value : null;
  /** The fingerprint of the list the reviewer ticked: a different list needs a new tick. */
  const [acknowledged, setAcknowledged] = useState<string | null>(null);
  const warnings = checked?.warnings ?? [];
  const isAcknowledged = checked !== null && acknowledged === checked.fingerprint;
  const running = job.state.status === 'running';

  const openFix: OpenFix = (target) =>
    target.kind === 'labels'
      ? onOpenRedaction('labels')
      : onOpenInReview({
          sourceId: null,
          conversationId: target.conversationId,
          ...(target.position === null ? {} : { position: target.position }),
        });

  const exportNow = (): void => {
    if (problem) return setError(problem);
    if (form.outputDir.trim() === '') return setError('Choose the folder to write the bundle to.');
    if (!checked) return setError(check.status === 'failed' ? check.message : 'Wait for the check of what the bundle will produce.');
    if (warnings.length > 0 && !isAcknowledged)
      return setError('Look at the items to check first, then tick that they may be produced (or change their decisions in Review).');
    setError(null);
    void job.start({ ...settings, outputDir: form.outputDir.trim() }, warnings.length > 0 ? checked.fingerprint : null);
  };

  const reissue = (bundle: BundleSummary): void => {
    const rootId = bundle.reissueOf ?? bundle.id;
    setForm({
      ...form,
      draft: false,
      includePending: false,
      firstNumber: '',
      reissue: { bundleId: rootId, references: `#${rootId} (${bundleReferences(bundle)})`, reason: '' },
    });
  };

  return (
    <div className="bundles">
      <ScreenHeader
        title="Bundles"
        description="Produce the disclosure: a numbered PDF, its schedule and a manifest, verified after writing."
      />
      {blocked && (
        <p className="bundles__blocked" role="note">
          {blocked}
        </p>
      )}
      {interrupted.status === 'ready' &&
        interruptedNotes(interrupted.value).map((note) => (
          <p key={note} className="bundles__interrupted" role="note">
            {note}
          </p>
        ))}
      <div className="bundles__layout">
        <Panel id="bundle-settings-title" title="Settings" className="bundles__settings">
          <BundleSettingsForm
            app={app}
            form={form}
            timeZone={timeZone}
            custodians={custodians.status === 'ready' ? custodians.value : []}
            onChange={setForm}
            onError={setError}
            disabled={running || blocked !== null}
            references={
              checked
                ? checked.firstReference === checked.lastReference
                  ? checked.firstReference
                  : `${checked.firstReference}–${checked.lastReference}`
                : null
            }
          />
          {isDraft(form) && (
            <p className="bundles__draft-note" role="note">
              Draft: “DRAFT — NOT FOR DISCLOSURE” on the cover and across every page, and DRAFT- references; no final number is used.
            </p>
          )}
          {check.status === 'failed' && <ErrorAlert title="The bundle cannot be numbered" message={check.message} />}
          {checked && (
            <ConsistencyReport
              warnings={warnings}
              acknowledged={isAcknowledged}
              onAcknowledge={(on) => setAcknowledged(on ? checked.fingerprint : null)}
              onOpen={(warning) => onOpenInReview({ sourceId: null, conversationId: warning.conversationId, position: warning.position })}
              disabled={running || blocked !== null}
            />
          )}
          <ErrorAlert title="The bundle cannot be exported" message={error ?? problem} />
          <div className="bundles__actions">
            <Button variant="primary" onClick={exportNow} disabled={running || blocked !== null}>
              {form.reissue ? 'Re-issue bundle' : isDraft(form) ? 'Export draft' : 'Export bundle'}
            </Button>
            {running && (
              <Button
                onClick={() => void job.cancel()}
                disabled={job.state.status === 'running' && (job.state.cancelling || job.state.jobId === null)}
              >
                {job.state.status === 'running' && job.state.cancelling ? 'Cancelling…' : 'Cancel'}
              </Button>
            )}
          </div>
          <ExportStatus state={job.state} canOpenFolders={app.canOpenFolders} onOpen={openFix} />
        </Panel>
        <Panel
          id="bundle-preview-title"
          title="Preview of the first pages"
          className="bundles__preview"
          busy={preview.status === 'loading'}
        >
          {preview.status === 'failed' && <ErrorAlert title="The preview could not be made" message={preview.message} />}
          {preview.status === 'loading' && <p className="bundles__none">Laying out the first pages…</p>}
          {preview.status === 'ready' && preview.value && (
            <>
              <p className="bundles__summary" role="status">
                {preview.value.produced === 0
                  ? 'Nothing to produce with these settings: no message has an outcome chosen above.'
                  : `${plural(preview.value.documents, 'document')}, ${plural(preview.value.produced, 'message')} produced${preview.value.withheld > 0 ? `, ${formatCount(preview.value.withheld)} withheld` : ''}.`}
              </p>
              <PagePreview preview={preview.value} />
            </>
          )}
        </Panel>
      </div>
      <Panel id="past-bundles-title" title="Bundles produced">
        {bundles.status === 'failed' ? (
          <ErrorAlert title="The bundles could not be listed" message={bundles.message} />
        ) : (
          <PastBundles
            bundles={bundles.status === 'ready' ? bundles.value : []}
            onReissue={reissue}
            disabled={running || blocked !== null}
          />
        )}
      </Panel>
    </div>
  );
}

function ExportStatus({
  state,
  canOpenFolders,
  onOpen,
}: {
  readonly state: ReturnType<typeof useExportJob>['state'];
  readonly canOpenFolders: boolean;
  readonly onOpen: OpenFix;
}) {
  if (state.status === 'idle') return null;
  if (state.status === 'failed') return <ErrorAlert title="The export did not start" message={state.message} />;
  if (state.status === 'running') {
    const progress = state.progress;
    const total = progress?.totalPages ?? 0;
    const count =
      total > 0
        ? `: ${formatCount(progress?.pages ?? 0)} of ${formatCount(total)} pages`
        : progress?.pages
          ? `: ${formatCount(progress.pages)} pages`
          : '';
    const text = progress ? `${PHASES[progress.phase]}${count}` : 'Starting…';
    return (
      <div className="bundles__progress">
        <ProgressBar label="Bundle export" fraction={total > 0 && progress ? progress.pages / total : null} valueText={text} />
        <p role="status" className="bundles__progress-text">
          {text}
        </p>
      </div>
    );
  }
  const { finished } = state;
  if (finished.cancelled) {
    return (
      <p role="status" className="bundles__progress-text">
        Export cancelled; nothing was recorded.
      </p>
    );
  }
  if (finished.error?.verification) return <ExportRefused report={finished.error.verification} onOpen={onOpen} />;
  if (!finished.ok || !finished.result)
    return <ErrorAlert title="The export failed" message={finished.error?.message ?? 'The export stopped without saying why.'} />;
  return <ExportOutcome result={finished.result} canOpenFolders={canOpenFolders} onOpen={onOpen} />;
}
