import * as Tabs from '@radix-ui/react-tabs';
import { useState } from 'react';
import type { ScreenProps } from '../../app/screens';
import { ScreenHeader } from '../../components/ScreenHeader';
import { LabelRedactionsPanel } from './LabelRedactionsPanel';
import { NamesPanel } from './NamesPanel';
import { OccurrencesPanel } from './OccurrencesPanel';
import { ReasonsPanel } from './ReasonsPanel';
import { SuggestionsPanel } from './SuggestionsPanel';
import { useReasonCodes } from './useReasonCodes';
import { useTextScope } from './useTextScope';
import './redaction.css';

const READ_ONLY = 'This case is read-only: nothing can be redacted.';
const PACK = 'This is a custodian check pack: redaction is done by the reviewer, not here.';

/** Redacting across the case (SPEC §6): suggestions, every occurrence of a text, the names list, redacted sender names and titles, and the reasons. */
export function RedactionScreen({ info }: ScreenProps) {
  const [revision, setRevision] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const reasons = useReasonCodes(`${info.caseId}:${revision}`);
  const scope = useTextScope(info.caseId);
  const disabledReason = info.readOnly ? READ_ONLY : info.mode === 'custodian_check' ? PACK : null;
  const changed = (text: string): void => {
    setRevision((value) => value + 1);
    setAnnouncement(text);
  };

  return (
    <div className="redaction-screen">
      <ScreenHeader
        title="Redaction"
        description="Hide what must not be disclosed, each with its reason. To redact words in one message, select them on the Review screen."
      />
      {disabledReason && (
        <p className="redaction-screen__blocked" role="note">
          {disabledReason}
        </p>
      )}
      <Tabs.Root className="redaction-screen__tabs" defaultValue="suggestions">
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
          <SuggestionsPanel scope={scope} reasons={reasons} timeZone={info.defaultTimeZone} disabledReason={disabledReason} onApplied={changed} />
        </Tabs.Content>
        <Tabs.Content className="redaction-screen__panel" value="occurrences">
          <OccurrencesPanel scope={scope} reasons={reasons} timeZone={info.defaultTimeZone} disabledReason={disabledReason} onApplied={changed} />
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
