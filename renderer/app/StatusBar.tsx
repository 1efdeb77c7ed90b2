import type { AppInfo } from '../../preload/contract';
import type { CaseInfo } from '../../main/domain/model';
import { ImportStatus } from './ImportStatus';
import './status-bar.css';

export function StatusBar({ info, app }: { readonly info: CaseInfo; readonly app: AppInfo }) {
  return (
    <footer className="status-bar">
      <p className="status-bar__path" title={info.path}>
        <span className="visually-hidden">Case file: </span>
        <span className="mono">{info.path}</span>
      </p>
      <ImportStatus caseId={info.caseId} />
      <p>{info.readOnly ? 'Read-only' : 'Read and write'}</p>
      <p>Reviewer: {app.user}</p>
      <p>
        Disclosure Desk {app.version} · {app.shell === 'electron' ? 'desktop app' : 'Chromium window'} · offline
      </p>
    </footer>
  );
}
