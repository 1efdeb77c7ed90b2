import { useEffect, useRef, useState } from 'react';
import { desk } from '../../api';
import { useCaseRevision } from '../../app/ImportJobsProvider';
import type { ScreenProps } from '../../app/screens';
import { useLoaded } from '../../app/useLoaded';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Panel } from '../../components/Panel';
import { ScreenHeader } from '../../components/ScreenHeader';
import { CustodiansPanel } from './CustodiansPanel';
import { ImportJobs } from './ImportJobs';
import { ImportPanel } from './ImportPanel';
import { SourceDetails } from './SourceDetails';
import { SourcesTable } from './SourcesTable';
import { ZoneCheckBanner } from './ZoneCheckBanner';
import './sources.css';

interface SourcesScreenProps extends ScreenProps {
  readonly onViewConversations: (sourceId: number) => void;
}

export function SourcesScreen({ app, info, onViewConversations }: SourcesScreenProps) {
  const revision = useCaseRevision();
  const [custodiansAdded, setCustodiansAdded] = useState(0);
  const sources = useLoaded(() => desk().listSources(), `${info.caseId}:${revision}`);
  const custodians = useLoaded(() => desk().listCustodians(), `${info.caseId}:${revision}:${custodiansAdded}`);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const detailsRef = useRef<HTMLDivElement>(null);
  const selected = sources.status === 'ready' ? (sources.value.find((source) => source.id === selectedId) ?? null) : null;

  // A source chosen from an import's outcome may be off screen, below the table.
  useEffect(() => {
    if (selected) detailsRef.current?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  return (
    <>
      <ScreenHeader
        title="Sources"
        description="The files collected from each custodian’s devices, as imported. A source is never changed after import."
      />
      <div className="sources-screen">
        {sources.status === 'ready' && <ZoneCheckBanner sources={sources.value} onShow={setSelectedId} />}
        <div className="sources-screen__top">
          <ImportPanel app={app} info={info} custodianNames={custodians.status === 'ready' ? custodians.value.map((c) => c.name) : []} />
          {/* Beside the form, so a running import stays in view without scrolling. */}
          <div className="sources-screen__side">
            <ImportJobs caseId={info.caseId} onShowSource={setSelectedId} />
            <CustodiansPanel custodians={custodians} readOnly={info.readOnly} onAdded={() => setCustodiansAdded((n) => n + 1)} />
          </div>
        </div>
        <Panel id="sources-title" title="Sources" busy={sources.status === 'loading'}>
          {sources.status === 'failed' && <ErrorAlert title="The sources could not be read" message={sources.message} />}
          {sources.status === 'ready' && sources.value.length === 0 && (
            <p className="sources-screen__empty">
              No sources yet. Each file or folder you import becomes a source here, with its SHA-256 and everything the import noted about
              it.
            </p>
          )}
          {sources.status === 'ready' && sources.value.length > 0 && (
            <SourcesTable sources={sources.value} selectedId={selectedId} timeZone={info.defaultTimeZone} onSelect={setSelectedId} />
          )}
        </Panel>
        <div ref={detailsRef}>
          {selected && <SourceDetails source={selected} caseTimeZone={info.defaultTimeZone} onViewConversations={onViewConversations} />}
        </div>
      </div>
    </>
  );
}
