import * as Dialog from '@radix-ui/react-dialog';
import { Fragment } from 'react';
import { Button } from '../components/Button';
import { KeyCombo } from '../components/KeyCombo';
import { SHORTCUT_GROUPS } from './shortcuts';
import './shortcuts-dialog.css';

interface ShortcutsDialogProps {
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
}

export function ShortcutsDialog({ open, onOpenChange }: ShortcutsDialogProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog shortcuts-dialog">
          <div className="dialog__header">
            <Dialog.Title className="dialog__title">Keyboard shortcuts</Dialog.Title>
            <Dialog.Description className="dialog__description">
              Every action can be reached from the keyboard. Tab moves between controls; these keys act anywhere.
            </Dialog.Description>
          </div>
          <div className="shortcuts-dialog__groups">
            {SHORTCUT_GROUPS.map((group) => (
              <section key={group.title} className="shortcuts-dialog__group" aria-labelledby={`shortcuts-${group.title}`}>
                <h3 id={`shortcuts-${group.title}`} className="shortcuts-dialog__group-title">
                  {group.title}
                </h3>
                <dl className="shortcuts-dialog__list">
                  {group.entries.map((entry) => (
                    <div key={entry.description} className="shortcuts-dialog__row">
                      <dt>{entry.description}</dt>
                      <dd>
                        {entry.chords.map((chord, index) => (
                          <Fragment key={chord.join('+')}>
                            {index > 0 && <span className="shortcuts-dialog__or">or</span>}
                            <KeyCombo keys={chord} />
                          </Fragment>
                        ))}
                      </dd>
                    </div>
                  ))}
                </dl>
              </section>
            ))}
          </div>
          <div className="dialog__footer">
            <Dialog.Close asChild>
              <Button variant="primary">Close</Button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
