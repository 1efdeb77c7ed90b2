import { useEffect, useRef, useState } from 'react';
import type { CaseInfo } from '../../common/domain/model';
import type { AppInfo } from '../../common/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { SCREEN_TITLE_ID } from '../components/ScreenHeader';
import type { RedactionTab } from '../features/redaction/RedactionScreen';
import { NOWHERE, type ReviewPlace } from '../features/review/reviewPlace';
import { CaseHeader } from './CaseHeader';
import { ReadOnlyBanner } from './ReadOnlyBanner';
import { ReviewerDialog } from './ReviewerDialog';
import { ScreenNav } from './ScreenNav';
import { ScreenView } from './ScreenView';
import { StatusBar } from './StatusBar';
import type { ScreenId } from './screens';
import { useReviewer } from './useReviewer';
import './case-frame.css';

interface CaseFrameProps {
  readonly app: AppInfo;
  readonly info: CaseInfo;
  readonly screen: ScreenId;
  readonly error: string | null;
  readonly onScreenChange: (screen: ScreenId) => void;
  readonly onShowShortcuts: () => void;
  readonly onClose: () => void;
}

export function CaseFrame({ app, info, screen, error, onScreenChange, onShowShortcuts, onClose }: CaseFrameProps) {
  const mainRef = useRef<HTMLElement>(null);
  const shownScreen = useRef(screen);
  const [reviewPlace, setReviewPlace] = useState<ReviewPlace>(NOWHERE);
  const reviewer = useReviewer();
  const [redactionTab, setRedactionTab] = useState<RedactionTab>();

  // After a switch, the reader's place moves to the new screen's title, as it would on a new page.
  useEffect(() => {
    if (shownScreen.current === screen) return;
    shownScreen.current = screen;
    document.getElementById(SCREEN_TITLE_ID)?.focus();
  }, [screen]);

  return (
    <div className="case-frame">
      <button type="button" className="skip-link" onClick={() => mainRef.current?.focus()}>
        Skip to main content
      </button>
      <CaseHeader info={info} onShowShortcuts={onShowShortcuts} onClose={onClose} />
      {info.readOnly && <ReadOnlyBanner />}
      <div className="case-frame__body">
        <ScreenNav current={screen} onSelect={onScreenChange} />
        <main ref={mainRef} tabIndex={-1} className="case-frame__main" aria-labelledby={SCREEN_TITLE_ID}>
          <ErrorAlert title="That did not work" message={error} />
          <ScreenView
            screen={screen}
            app={app}
            info={info}
            goTo={onScreenChange}
            reviewPlace={reviewPlace}
            onReviewPlaceChange={setReviewPlace}
            {...(redactionTab ? { redactionTab } : {})}
            onRedactionTabChange={setRedactionTab}
          />
        </main>
      </div>
      <StatusBar info={info} app={app} reviewer={reviewer.reviewer?.current ?? app.user} onChangeReviewer={() => reviewer.ask(true)} />
      {reviewer.reviewer && (
        <ReviewerDialog open={reviewer.asking} reviewer={reviewer.reviewer} onOpenChange={reviewer.ask} onSaved={reviewer.saved} />
      )}
    </div>
  );
}
