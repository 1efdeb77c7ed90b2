/**
 * What an import is asked to do, and what format detection says of a file before it is imported
 * (main/import). Pure TypeScript.
 */
import type { DateOrder, SourceFormat } from './model';

/** One import: the file or folder, whose device it came from, and how to read its times. */
export interface ImportArgs {
  readonly path: string;
  /** The custodian whose device this came from (added to the case if new). */
  readonly custodian: string;
  readonly device?: string;
  /** Omitted: detected from the file. */
  readonly format?: SourceFormat;
  /** The zone wall-clock times are read in; omitted: the case's default zone. */
  readonly timeZone?: string;
  /** For formats that write dates without saying their order; omitted: inferred from the dates. */
  readonly dateOrder?: DateOrder;
  /** Refuse the file whole for any defect, instead of importing what is whole and noting the rest. */
  readonly strict?: boolean;
}

/** A file's format named before import, or in plain words why it cannot be (`format` null). */
export interface FormatDetection {
  readonly format: SourceFormat | null;
  readonly label: string;
  readonly problem: string | null;
}
