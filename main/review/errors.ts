/** Errors a reviewer can act on: each says what happened and what to do instead. */

export class ReviewError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

const list = (ids: readonly number[]): string =>
  ids.length <= 5
    ? ids.map((id) => `#${id}`).join(', ')
    : `${ids
        .slice(0, 5)
        .map((id) => `#${id}`)
        .join(', ')} and ${ids.length - 5} more`;

export class MessagesNotFoundError extends ReviewError {
  constructor(readonly ids: readonly number[]) {
    super(`Message${ids.length === 1 ? '' : 's'} ${list(ids)} ${ids.length === 1 ? 'is' : 'are'} not in this case; nothing was changed.`);
  }
}

export class CustodianNotFoundError extends ReviewError {
  constructor(what: number | string) {
    super(`Custodian ${typeof what === 'number' ? `#${what}` : `"${what}"`} is not in this case.`);
  }
}

/** Undo and redo restore whole batches; a later change to one of its messages would be overwritten. */
export class UndoConflictError extends ReviewError {
  constructor(action: 'undo' | 'redo', summary: string, total: number, examples: readonly { messageId: number; actor: string }[]) {
    const who = examples.map((e) => `#${e.messageId} by ${e.actor}`).join(', ');
    super(
      `Cannot ${action} "${summary}": ${total} of its messages ${total === 1 ? 'has' : 'have'} been changed since (${who}${total > examples.length ? ', …' : ''}). ` +
        `${action === 'undo' ? 'Undoing' : 'Redoing'} it would overwrite those later decisions; change the messages directly instead.`,
    );
  }
}

/** A decision, export or import attempted in a custodian check pack. */
export class PackModeError extends ReviewError {
  constructor(what: string) {
    super(
      `This case is a custodian check pack: ${what} is not possible here. The only change a pack accepts is flagging an item ` +
        '"personal — please withhold" with a reason.',
    );
  }
}

export class NotAPackError extends ReviewError {
  constructor(detail: string) {
    super(`${detail} Custodian flags are raised in a custodian check pack exported from the reviewer's case.`);
  }
}

export class PackMismatchError extends ReviewError {}

/** A returned pack that is not, byte for byte in what it may not change, the pack this case exported. */
export class PackAlteredError extends PackMismatchError {
  constructor(path: string, what: string) {
    super(
      `${path} is not the custodian check pack this case exported: ${what}. It was altered after export; nothing was imported. Ask for the pack to be flagged again in the app, or export a new one.`,
    );
  }
}

/** A returned pack SQLite cannot read as a whole (a damaged file, or a -wal that will not fold in). */
export class PackUnreadableError extends PackMismatchError {
  constructor(path: string, why: string) {
    super(`${path} cannot be read as a custodian check pack: ${why}. Nothing was imported; ask for the pack file to be sent again.`);
  }
}

/** A pack exported before the case recorded what each pack holds: its flags cannot be checked. */
export class PackNotRecordedError extends PackMismatchError {
  constructor(packId: string, custodian: string) {
    super(
      `Pack ${packId} was exported before this version of Disclosure Desk recorded what each pack holds, so its flags cannot be checked; nothing was imported. ` +
        `Export a new pack for ${custodian} and ask for the flags to be raised in it.`,
    );
  }
}

/** Flags in a returned pack on messages that were not in it when it was exported. */
export class FlagOutsidePackError extends PackMismatchError {
  constructor(packId: string, ids: readonly number[]) {
    super(
      `The pack flags message${ids.length === 1 ? '' : 's'} ${list(ids)}, which ${ids.length === 1 ? 'was' : 'were'} not in pack ${packId} when this case exported it; ` +
        'the pack was altered. Nothing was imported.',
    );
  }
}

export class PackAlreadyImportedError extends ReviewError {
  constructor(packId: string, at: number, by: string) {
    super(`The flags of pack ${packId} were already imported on ${new Date(at).toISOString()} by ${by}; nothing was imported again.`);
  }
}

export class FlagError extends ReviewError {}

/** A flag reason too long, or holding characters that could hide or reorder what the reviewer reads. */
export class FlagReasonError extends FlagError {}

/** A bulk call whose selector names no message: nothing to decide, so nothing was. */
export class NothingSelectedError extends ReviewError {
  constructor(what: string) {
    super(`${what[0]?.toUpperCase()}${what.slice(1)} matches no message; nothing was changed. Check the selection, query or date range.`);
  }
}

/** "Overwrite" asked for where no individual decision would be overwritten: the reviewer expected some. */
export class NothingToOverwriteError extends ReviewError {
  constructor(what: string) {
    super(
      `No message of ${what} has an individual decision this change would overwrite, so there is nothing to overwrite; nothing was changed. ` +
        'Apply without overwriting (drop --overwrite), or preview again: the decisions may have changed since.',
    );
  }
}

/**
 * A decision that contradicts live redactions (docs/spec.md §12): live span redactions ⇒ not `disclose`, a
 * whole-item redaction ⇒ `withhold`. Only removing the redaction moves the item back.
 */
export class RedactionOutcomeError extends ReviewError {
  constructor(what: string, total: number, ids: readonly number[]) {
    super(
      `${what} would give ${total === 1 ? 'message' : `${total} messages`} ${list(ids)}${total > ids.length ? ', …' : ''} an outcome ` +
        `${total === 1 ? 'its' : 'their'} live redactions forbid: a message with span redactions cannot be disclosed whole, and one redacted whole stays withheld. ` +
        'Choose "Disclose with redactions" or "Withhold", or remove the redactions first; nothing was changed.',
    );
  }
}

export class AttachmentsNotFoundError extends ReviewError {
  constructor(readonly ids: readonly number[]) {
    super(
      `Attachment${ids.length === 1 ? '' : 's'} ${list(ids)} ${ids.length === 1 ? 'is' : 'are'} not in this case; nothing was changed. ` +
        'Reload the conversation and select the attachment again.',
    );
  }
}
