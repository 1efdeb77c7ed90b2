import type { CaseInfo } from '../../common/domain/model';
import { Badge } from '../components/Badge';
import { Button } from '../components/Button';
import { KeyCombo } from '../components/KeyCombo';
import { MarkingBanner } from './MarkingBanner';
import { MOD_KEY } from './platform';
import './case-header.css';

interface CaseHeaderProps {
  readonly info: CaseInfo;
  readonly onShowShortcuts: () => void;
  readonly onClose: () => void;
}

export function CaseHeader({ info, onShowShortcuts, onClose }: CaseHeaderProps) {
  const context = [info.inquiry, info.requestReference && `Request ${info.requestReference}`].filter(Boolean).join(' · ');
  return (
    <header className="case-header">
      <MarkingBanner marking={info.protectiveMarking} />
      <div className="case-header__bar">
        <div className="case-header__identity">
          <p className="case-header__product">Disclosure Desk</p>
          <div className="case-header__title-row">
            <h1 className="case-header__name" title={info.name}>
              {info.name}
            </h1>
            {info.readOnly && (
              <span title="The case file is not writable, so nothing can be changed or saved. Copy it somewhere writable to work on it.">
                <Badge tone="warning">Read-only</Badge>
              </span>
            )}
          </div>
          <p className="case-header__context" title={context || undefined}>
            {context || 'No inquiry or request reference recorded'}
          </p>
        </div>
        <div className="case-header__actions">
          <Button variant="quiet" onClick={onShowShortcuts} aria-keyshortcuts="F1">
            Keyboard shortcuts
            <span aria-hidden="true">
              <KeyCombo keys={['F1']} />
            </span>
          </Button>
          <Button onClick={onClose} aria-keyshortcuts={`${MOD_KEY === 'Cmd' ? 'Meta' : 'Control'}+W`}>
            Close case
            <span aria-hidden="true">
              <KeyCombo keys={[MOD_KEY, 'W']} />
            </span>
          </Button>
        </div>
      </div>
    </header>
  );
}
