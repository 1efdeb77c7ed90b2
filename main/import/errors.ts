import type { Locator } from '../../common/domain/parsed';

/** The imported file cannot be read as any supported export. Names the file and what was wrong. */
export class ImportInputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly locator?: Locator,
    /** `cause`: what refused the record (SQLite, for a row that breaks a rule of the case). */
    options?: ErrorOptions,
  ) {
    super(`${file}${describeLocator(locator, file)}: ${reason}`, options);
    this.name = 'ImportInputError';
  }
}

/** " (report.xml, line 12, record m-0037)"; the file is left out when it is the one already named. */
export function describeLocator(locator: Locator | undefined, alreadyNamed?: string): string {
  if (!locator) return '';
  const parts: string[] = [];
  if (locator.file && locator.file !== alreadyNamed) parts.push(locator.file);
  if (locator.lineStart !== undefined) {
    parts.push(
      locator.lineEnd !== undefined && locator.lineEnd !== locator.lineStart
        ? `lines ${locator.lineStart}-${locator.lineEnd}`
        : `line ${locator.lineStart}`,
    );
  }
  if (locator.record !== undefined) parts.push(`record ${locator.record}`);
  if (locator.byteOffset !== undefined) parts.push(`byte ${locator.byteOffset}`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** What V8 says when one value outgrows the largest string or buffer it can make. */
const TOO_LARGE = /Cannot create a string longer than|Invalid string length|Array buffer allocation failed|Invalid typed array length/;

/**
 * An import's failure as the user should read it: the runtime's own words for a value too large to hold
 * (which name no file and say nothing of what to do) become an ImportInputError; anything else is as it was.
 */
export function explainImportFailure(err: unknown, file: string): unknown {
  if (!(err instanceof Error) || (err.name !== 'RangeError' && !(err instanceof RangeError)) || !TOO_LARGE.test(err.message)) return err;
  return new ImportInputError(
    file,
    'one value in it (a message, a name, or a file that has to be read whole) is too large to hold in memory at once, so it cannot be imported as it is. ' +
      'Nothing was changed. Export the chats one at a time, or ask whoever supplied it for the export in smaller parts',
  );
}
