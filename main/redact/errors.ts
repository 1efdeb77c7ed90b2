/** Redaction errors a reviewer can act on: each says what was wrong and what to do instead. */

export class RedactionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnknownReasonCodeError extends RedactionError {
  constructor(code: string, known: readonly string[]) {
    super(`"${code}" is not a reason code of this case. Use one of: ${known.join(', ')}; or add it as a new reason first.`);
  }
}

export class ReasonCodeExistsError extends RedactionError {
  constructor(code: string) {
    super(`Reason code "${code}" already exists. Codes are stable; change its label instead.`);
  }
}

export class RedactionNotFoundError extends RedactionError {
  constructor(id: number) {
    super(`Redaction #${id} is not in this case.`);
  }
}

export class RedactionAlreadyRemovedError extends RedactionError {
  constructor(id: number) {
    super(`Redaction #${id} has already been removed; nothing was changed.`);
  }
}

export class ReplacedRedactionMismatchError extends RedactionError {
  constructor(id: number, messageId: number) {
    super(`Redaction #${id} belongs to another message than #${messageId}; a replacement must redact the same message.`);
  }
}

export class NameExistsError extends RedactionError {
  constructor(name: string) {
    super(`"${name}" is already on the case's names list.`);
  }
}

export class NameNotFoundError extends RedactionError {
  constructor(id: number) {
    super(`Name #${id} is not on the case's names list (it may have been removed already).`);
  }
}

export class UnsafePatternError extends RedactionError {
  constructor(reason: string) {
    super(`That pattern cannot be used: ${reason}.`);
  }
}

export class PatternTooSlowError extends RedactionError {
  constructor(budgetMs: number) {
    super(
      `The pattern was stopped after ${budgetMs} ms: it backtracks too much to run safely (typically nested or adjacent ` +
        'repeats such as (a+)+ or .*.*). Make it more specific, or search for plain text instead.',
    );
  }
}

export class LabelTargetNotFoundError extends RedactionError {
  constructor(what: 'participant' | 'conversation', id: number) {
    super(
      `${what === 'participant' ? 'Participant' : 'Conversation'} #${id} is not in this case, so its ${what === 'participant' ? 'label' : 'title'} cannot be redacted.`,
    );
  }
}

export class FileNameTargetNotFoundError extends RedactionError {
  constructor(what: 'source-file' | 'attachment', id: number) {
    super(
      what === 'source-file'
        ? `Source #${id} is not in this case, so its file name cannot be redacted.`
        : `Attachment #${id} is not in this case or has no file name, so its name cannot be redacted.`,
    );
  }
}

export class FileNameRedactionNotFoundError extends RedactionError {
  constructor(id: number) {
    super(`File name redaction #${id} is not a live redaction of this case (it may have been removed already).`);
  }
}

export class LabelRedactionNotFoundError extends RedactionError {
  constructor(id: number) {
    super(`Label redaction #${id} is not a live redaction of this case (it may have been removed already).`);
  }
}

export interface RedactionConflict {
  readonly messageId: number | null;
  /** Set for a rectangle on an image attachment. */
  readonly attachmentId?: number;
  readonly label: string;
  /** 'removed': someone removed the redaction since; 'taken': the same thing has been redacted again since. */
  readonly why: 'removed' | 'taken';
  readonly actor: string;
}

const conflictInWords = (c: RedactionConflict): string => {
  const where =
    c.attachmentId !== undefined
      ? `on image #${c.attachmentId}`
      : c.messageId === null
        ? 'of a name or title'
        : `on message #${c.messageId}`;
  if (c.why === 'removed') return `redaction '${c.label}' ${where} was removed since by ${c.actor}`;
  return c.messageId === null
    ? `the name or title was redacted again since by ${c.actor}`
    : `message #${c.messageId} was already redacted the same way since, by ${c.actor}`;
};

/** Undo and redo reverse a whole batch of redactions; one of them has been changed since by someone. */
export class RedactionUndoConflictError extends RedactionError {
  constructor(action: 'undo' | 'redo', summary: string, total: number, examples: readonly RedactionConflict[]) {
    super(
      `Cannot ${action} "${summary}": ${examples.map(conflictInWords).join('; ')}${total > examples.length ? `; and ${total - examples.length} more` : ''}. ` +
        `${action === 'undo' ? 'Undoing' : 'Redoing'} it would overwrite those later changes; change the redactions directly instead.`,
    );
  }
}

/** A sweep (a whole-scope scan for suggestions or every occurrence) that cannot be applied as it stands. */
export class SweepNotFoundError extends RedactionError {
  constructor(id: string) {
    super(`There is no scan ${id} in this window (it was replaced by a newer one, or the case was closed). Run the scan again.`);
  }
}

export class SweepIncompleteError extends RedactionError {
  constructor(state: 'running' | 'cancelled' | 'failed', scanned: number, total: number) {
    const where = `${scanned.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} messages`;
    super(
      state === 'running'
        ? `The scan has read only ${where} so far: wait for it to finish, so that every occurrence is in the list before any is redacted. Nothing was changed.`
        : `The scan was ${state === 'cancelled' ? 'cancelled' : 'stopped by an error'} after ${where}, so its list is incomplete. Run it again to redact from a complete list. Nothing was changed.`,
    );
  }
}

export class SweepStaleError extends RedactionError {
  constructor() {
    super(
      'The case changed after this scan read it (messages imported, redactions added or removed, or the names list edited), so its list may be wrong. ' +
        'Run the scan again, then redact. Nothing was changed.',
    );
  }
}

export class SweepTooLargeError extends RedactionError {
  constructor(limit: number) {
    super(
      `The scan found more than ${limit.toLocaleString('en-GB')} hits, too many to review one by one. Narrow it to a custodian or a conversation, or to fewer kinds, and run it again.`,
    );
  }
}

export class SweepChoiceError extends RedactionError {
  constructor(index: number, total: number) {
    super(`Hit ${index} is not in the scan's list (it has ${total.toLocaleString('en-GB')}). Nothing was changed.`);
  }
}

/** An image redaction drawn on something that is not an image. */
export class NotAnImageError extends RedactionError {
  constructor(name: string, what: string) {
    super(
      `${name} is ${what}, not an image, so a rectangle cannot be redacted on it. Withhold the attachment, or redact its name, instead.`,
    );
  }
}

/** A rectangle that is not within the image, or too small to be a decision. */
export class ImageRegionError extends RedactionError {
  constructor(problem: string) {
    super(`That rectangle cannot be redacted: ${problem}. Draw it again within the image; nothing was changed.`);
  }
}

export class ImageRedactionNotFoundError extends RedactionError {
  constructor(id: number) {
    super(`Image redaction #${id} is not in this case. Reload the attachment's regions and pick one again.`);
  }
}

export class ImageRedactionAlreadyRemovedError extends RedactionError {
  constructor(id: number) {
    super(`Image redaction #${id} has already been removed or superseded; nothing was changed.`);
  }
}

export class ReplacedImageRedactionMismatchError extends RedactionError {
  constructor(id: number, attachmentId: number) {
    super(`Image redaction #${id} is on another attachment than #${attachmentId}; a replacement must be on the same image.`);
  }
}
