import type { Locator } from '../domain/parsed';

/** The imported file cannot be read as any supported export. Names the file and what was wrong. */
export class ImportInputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly locator?: Locator,
  ) {
    super(`${file}${describeLocator(locator, file)}: ${reason}`);
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
