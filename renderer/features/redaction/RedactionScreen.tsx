import * as Tabs from '@radix-ui/react-tabs';
import { useState } from 'react';
import { errorMessage } from '../../api';
import type { ScreenProps } from '../../app/screens';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';
import { UndoBar } from '../review/UndoBar';
import { useUndoKeys } from '../review/useUndoKeys';
import { useUndoRedo } from '../review/useUndoRedo';
import { LabelRedactionsPanel } from './LabelRedactionsPanel';
import { NamesPanel } from './NamesPanel';
import { OccurrencesPanel } from './OccurrencesPanel';
import { ReasonsPanel } from './ReasonsPanel';
import { SuggestionsPanel } from './SuggestionsPanel';
import { useLastReason, useReasonCodes } from './useReasonCodes';
import { useTextScope } from './useTextScope';
import './redaction.css';

const READ_ONLY = 'This case is read-only: nothing can be redacted.';
const MODIFIED_KEYS = { undo: 'Control+Z Meta+Z', redo: 'Control+Shift+Z Meta+Shift+Z' };
const PACK = 'This is a custodian check pack: redaction is done by the reviewer, not here.';

/** The Redaction screen's tools, as its tabs are named. */
export type RedactionTab = 'suggestions' | 'occurrences' | 'names' | 'labels' | 'reasons';

/**
 * Redacting across the case (docs/spec.md §6): suggestions, every occurrence of a text, the names list,
 * redacted sender names and titles, and the reasons.
 */
export function RedactionScreen({ info, openAt = 'suggestions' }: ScreenProps & { readonly openAt?: RedactionTab }) {
  const [revision, setRevision] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [undoError, setUndoError] = useState<string | null>(null);
  const reasons = useReasonCodes(`${info.caseId}:${revision}`);
  const lastReason = useLastReason(`${info.caseId}:${revision}`);
  const scope = useTextScope(info.caseId);
  const disabledReason = info.readOnly ? READ_ONLY : info.mode === 'custodian_check' ? PACK : null;
  const changed = (text: string): void => {
    setRevision((value) => value + 1);
    setUndoError(null);
    setAnnouncement(text);
  };
  // The same stacks as the Review screen's: a redaction made here is undone here or there.
  const undoRedo = useUndoRedo(info.caseId, revision, {
    recorded: changed,
    failed: (err) => setUndoError(errorMessage(err)),
    announce: setAnnouncement,
  });
  const step = (which: 'undo' | 'redo'): void => {
    if (disabledReason) setAnnouncement(disabledReason);
    else void undoRedo[which]();
  };
  useUndoKeys(
    () => step('undo'),
    () => step('redo'),
  );

  return (
    <div className="redaction-screen">
      <div className="redaction-screen__top">
        <ScreenHeader
          title="Redaction"
          description="Hide what must not be disclosed, each with its reason. To redact words in one message, select them on the Review screen."
        />
        {info.mode !== 'custodian_check' && (
          <UndoBar
            state={undoRedo.state}
            disabledReason={info.readOnly ? READ_ONLY : null}
            onUndo={() => step('undo')}
            onRedo={() => step('redo')}
            keys={MODIFIED_KEYS}
          />
        )}
      </div>
      <ErrorAlert title="That was not undone or redone" message={undoError} />
      {disabledReason && (
        <p className="redaction-screen__blocked" role="note">
          {disabledReason}
        </p>
      )}
      <Tabs.Root className="redaction-screen__tabs" defaultValue={openAt}>
        <Tabs.List className="side-tabs__list" aria-label="Redaction tools">
          <Tabs.Trigger className="side-tabs__tab" value="suggestions">
            Suggestions
          </Tabs.Trigger>
          <Tabs.Trigger className="side-tabs__tab" value="occurrences">
            Every occurrence
          </Tabs.Trigger>
          <Tabs.Trigger className="side-tabs__tab" value="names">
            Names list
          </Tabs.Trigger>
          <Tabs.Trigger className="side-tabs__tab" value="labels">
            Names and titles
          </Tabs.Trigger>
          <Tabs.Trigger className="side-tabs__tab" value="reasons">
            Reasons
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content className="redaction-screen__panel" value="suggestions">
          <SuggestionsPanel
            scope={scope}
            reasons={reasons}
            lastReason={lastReason}
            timeZone={info.defaultTimeZone}
            disabledReason={disabledReason}
            onApplied={changed}
          />
        </Tabs.Content>
        <Tabs.Content className="redaction-screen__panel" value="occurrences">
          <OccurrencesPanel
            scope={scope}
            reasons={reasons}
            lastReason={lastReason}
            timeZone={info.defaultTimeZone}
            disabledReason={disabledReason}
            onApplied={changed}
          />
        </Tabs.Content>
        <Tabs.Content className="redaction-screen__panel" value="names">
          <NamesPanel caseKey={info.caseId} disabledReason={disabledReason} />
        </Tabs.Content>
        <Tabs.Content className="redaction-screen__panel" value="labels">
          <LabelRedactionsPanel caseKey={`${info.caseId}:${revision}`} disabledReason={disabledReason} />
        </Tabs.Content>
        <Tabs.Content className="redaction-screen__panel" value="reasons">
          <ReasonsPanel reasons={reasons} disabledReason={disabledReason} onChanged={changed} />
        </Tabs.Content>
      </Tabs.Root>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
}
