/** Errors a user can act on: each message says what happened and what to do. */

export class CaseFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class SchemaTooNewError extends CaseFileError {
  constructor(
    readonly path: string,
    readonly fileVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      `Case file ${path} is schema v${fileVersion}; this build of Disclosure Desk knows up to v${knownVersion}. ` +
        'Update Disclosure Desk to open it. The file was not changed.',
    );
  }
}

export class NotACaseFileError extends CaseFileError {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path} is not a Disclosure Desk case file (${reason}). Choose a .ddcase file created by Disclosure Desk.`);
  }
}

export class CaseExistsError extends CaseFileError {
  constructor(readonly path: string) {
    super(`A file already exists at ${path}. Choose another name, or open the existing case instead.`);
  }
}

export class CaseNotFoundError extends CaseFileError {
  constructor(readonly path: string) {
    super(`No case file at ${path}. It may have been moved or deleted.`);
  }
}

export class ReadOnlyCaseError extends CaseFileError {
  constructor(
    readonly path: string,
    why = 'changes cannot be saved',
  ) {
    super(`Case ${path} is open read-only (the file is not writable): ${why}. Copy it somewhere writable to work on it.`);
  }
}
