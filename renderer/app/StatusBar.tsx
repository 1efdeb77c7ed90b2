import type { AppInfo } from '../../common/contract';
import type { CaseInfo } from '../../common/domain/model';
import { Button } from '../components/Button';
import { ImportStatus } from './ImportStatus';
import './status-bar.css';

interface StatusBarProps {
  readonly info: CaseInfo;
  readonly app: AppInfo;
  /** The name recorded on changes now (it can be changed during the session). */
  readonly reviewer: string;
  readonly onChangeReviewer: () => void;
}

export function StatusBar({ info, app, reviewer, onChangeReviewer }: StatusBarProps) {
  return (
    <footer className="status-bar">
      <p className="status-bar__path" title={info.path}>
        <span className="visually-hidden">Case file: </span>
        <span className="mono">{info.path}</span>
      </p>
      <ImportStatus caseId={info.caseId} />
      <p>{info.readOnly ? 'Read-only' : 'Read and write'}</p>
      <p className="status-bar__reviewer">
        Reviewer: {reviewer}
        <Button small variant="quiet" aria-label="Change reviewer name" onClick={onChangeReviewer}>
          Change
        </Button>
      </p>
      <p>
        Disclosure Desk {app.version} · {app.shell === 'electron' ? 'desktop app' : 'Chromium window'} · offline
      </p>
    </footer>
  );
}
