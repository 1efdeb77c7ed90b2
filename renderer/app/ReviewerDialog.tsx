import * as Dialog from '@radix-ui/react-dialog';
import { useState, type FormEvent } from 'react';
import { reviewerNameProblem, REVIEWER_NAME_MAX } from '../../common/domain/reviewer-name';
import type { ReviewerInfo } from '../../common/contract/channels/audit';
import { desk, errorMessage } from '../api';
import { Button } from '../components/Button';
import { TextField } from '../components/TextField';
import { asSentence } from '../format';
import './reviewer-dialog.css';

interface ReviewerDialogProps {
  readonly open: boolean;
  readonly reviewer: ReviewerInfo;
  readonly onOpenChange: (open: boolean) => void;
  readonly onSaved: (reviewer: ReviewerInfo) => void;
}

/**
 * Asks for the name recorded on the reviewer's decisions: once per machine, on the first case opened,
 * and again whenever they choose to change it. "Not now" keeps the OS user's name for this session.
 */
export function ReviewerDialog({ open, reviewer, onOpenChange, onSaved }: ReviewerDialogProps) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog reviewer-dialog">
          {/* Mounted with the dialog, so each opening starts from the name in use. */}
          <ReviewerForm reviewer={reviewer} onSaved={onSaved} />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function ReviewerForm({ reviewer, onSaved }: { readonly reviewer: ReviewerInfo; readonly onSaved: (reviewer: ReviewerInfo) => void }) {
  const [name, setName] = useState(reviewer.stored ?? reviewer.suggested);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const problem = reviewerNameProblem(name);
    if (problem !== null) {
      setError(`The name ${problem}.`);
      return;
    }
    setBusy(true);
    try {
      onSaved(await desk().setReviewer({ name }));
    } catch (err) {
      setError(asSentence(errorMessage(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="reviewer-dialog__form" onSubmit={(e) => void save(e)} noValidate>
      <div className="dialog__header">
        <Dialog.Title className="dialog__title">Who is reviewing?</Dialog.Title>
        <Dialog.Description className="dialog__description">
          Your name is recorded on every decision, redaction and audit entry you make in cases on this computer. You can change it later
          from the status bar.
        </Dialog.Description>
      </div>
      <TextField
        id="reviewer-name"
        label="Your name"
        value={name}
        maxLength={REVIEWER_NAME_MAX * 2}
        autoComplete="name"
        hint={`As it should read in the audit log, e.g. Priya Shah. Up to ${REVIEWER_NAME_MAX} characters.`}
        error={error ?? undefined}
        onChange={(e) => {
          setName(e.target.value);
          setError(null);
        }}
      />
      <div className="dialog__footer reviewer-dialog__footer">
        <Dialog.Close asChild>
          <Button>{reviewer.stored === null ? 'Not now' : 'Cancel'}</Button>
        </Dialog.Close>
        <Button type="submit" variant="primary" disabled={busy}>
          Save name
        </Button>
      </div>
    </form>
  );
}
