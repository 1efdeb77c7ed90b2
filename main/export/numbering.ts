/**
 * Which references a bundle gets (docs/spec.md §12), from the case's record of the bundles before it.
 *
 * - A final bundle's numbers are its prefix's alone for good: a later final bundle never reuses one.
 *   Without a first number it starts after the highest used; a first number whose range would overlap
 *   an earlier final bundle is refused, naming that bundle.
 * - A re-issue is a new version of an earlier final bundle: it keeps that bundle's prefix, width and
 *   first number (the references handed over stay the references), may overlap only its own earlier
 *   versions, and records why.
 * - A draft (asked for, or including undecided items) is numbered in its own namespace,
 *   DRAFT-<prefix><number>, and uses no final number: it starts where the next final bundle would.
 */
import type { ReadableDB } from '../../db/connection';
import { bundleRow, finalRanges, latestVersion, type BundleListRow } from '../../db/queries/export';
import { DRAFT_PREFIX } from '../../common/domain/model';
import { formatReference } from './references';

export interface NumberingSettings {
  readonly prefix: string;
  /** Null: the next number no final bundle under this prefix has used. */
  readonly firstNumber: number | null;
  readonly width: number;
  readonly draft: boolean;
  readonly includePending: boolean;
  readonly reissue: { readonly bundleId: number; readonly reason: string } | null;
}

export interface Numbering {
  /** The case's prefix (INQ); the printed references add DRAFT- to a draft's. */
  readonly prefix: string;
  readonly printedPrefix: string;
  readonly firstNumber: number;
  readonly width: number;
  readonly draft: boolean;
  /** 1 for a new bundle; n for the n-th version of a re-issued one. */
  readonly version: number;
  /** The first version's id, for a re-issue. */
  readonly reissueOf: number | null;
  readonly reason: string | null;
}

/** "INQ000000001–INQ000000004", or one reference alone. */
const rangeText = (prefix: string, first: number, last: number, width: number): string =>
  first === last
    ? formatReference(prefix, first, width)
    : `${formatReference(prefix, first, width)}–${formatReference(prefix, last, width)}`;

export const describeBundle = (b: BundleListRow): string =>
  `bundle #${b.id} (${rangeText(b.prefix, b.firstNumber, b.lastNumber, b.width)}${b.version > 1 ? `, version ${b.version}` : ''})`;

export class ReferenceOverlapError extends Error {
  constructor(
    readonly wanted: string,
    readonly earlier: BundleListRow,
    next: number,
  ) {
    super(
      `References ${wanted} would reuse numbers of ${describeBundle(earlier)}, a final bundle already produced: start at ${next} or later, or re-issue bundle #${earlier.reissueOf ?? earlier.id} with a reason.`,
    );
    this.name = 'ReferenceOverlapError';
  }
}

export class ReservedPrefixError extends Error {
  constructor(prefix: string) {
    super(`The prefix ${prefix} is reserved for drafts (DRAFT-<prefix>): choose a prefix that does not start with DRAFT.`);
    this.name = 'ReservedPrefixError';
  }
}

export class ReissueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReissueError';
  }
}

export class BundleNotFoundError extends Error {
  constructor(id: number) {
    super(`There is no bundle #${id} in this case: re-issue one of the bundles listed on the Bundles screen (nothing was changed).`);
    this.name = 'BundleNotFoundError';
  }
}

/** One past the highest number a final bundle under `prefix` used (1 for the first). */
export function nextFinalNumber(db: ReadableDB, prefix: string): number {
  return finalRanges(db, prefix).reduce((next, b) => Math.max(next, b.lastNumber + 1), 1);
}

/** The first version of the bundle `id` belongs to (itself, unless it is a re-issue). */
export function reissueRoot(db: ReadableDB, id: number): BundleListRow | undefined {
  const named = bundleRow(db, id);
  return named?.reissueOf === null || named === undefined ? named : (bundleRow(db, named.reissueOf) ?? named);
}

function reissued(
  db: ReadableDB,
  settings: NumberingSettings,
  reissue: NonNullable<NumberingSettings['reissue']>,
): { root: BundleListRow; version: number } {
  const named = bundleRow(db, reissue.bundleId);
  if (!named) throw new BundleNotFoundError(reissue.bundleId);
  if (named.draft)
    throw new ReissueError(`Bundle #${named.id} is a draft: drafts are not re-issued; export a new draft instead (nothing was changed).`);
  if (settings.draft || settings.includePending) {
    throw new ReissueError(
      `A re-issue of bundle #${named.id} replaces a final bundle, so it cannot be a draft or include undecided items (nothing was changed).`,
    );
  }
  if (!reissue.reason.trim())
    throw new ReissueError(
      `Say why bundle #${named.id} is re-issued: the reason is recorded on its cover, in its manifest and in the audit log.`,
    );
  const root = reissueRoot(db, named.id) ?? named;
  if (settings.prefix !== root.prefix)
    throw new ReissueError(
      `Bundle #${root.id} was numbered with the prefix ${root.prefix}: a re-issue keeps its references, so leave the prefix as ${root.prefix}.`,
    );
  if (settings.firstNumber !== null && settings.firstNumber !== root.firstNumber) {
    throw new ReissueError(
      `A re-issue keeps the references of bundle #${root.id}, which start at ${root.firstNumber}: leave out the first number.`,
    );
  }
  return { root, version: latestVersion(db, root.id) + 1 };
}

/**
 * The numbering of a bundle of `documents` references. Throws (changing nothing) when the settings
 * would reuse a final bundle's numbers or name a bundle that cannot be re-issued.
 */
export function resolveNumbering(db: ReadableDB, settings: NumberingSettings, documents: number): Numbering {
  if (settings.prefix.toUpperCase().startsWith(DRAFT_PREFIX.slice(0, -1))) throw new ReservedPrefixError(settings.prefix);
  const draft = settings.draft || settings.includePending;
  const numbering = settings.reissue
    ? (() => {
        const { root, version } = reissued(db, settings, settings.reissue);
        return {
          prefix: root.prefix,
          printedPrefix: root.prefix,
          firstNumber: root.firstNumber,
          width: root.width,
          draft: false,
          version,
          reissueOf: root.id,
          reason: settings.reissue.reason.trim(),
        };
      })()
    : {
        prefix: settings.prefix,
        printedPrefix: draft ? `${DRAFT_PREFIX}${settings.prefix}` : settings.prefix,
        firstNumber: settings.firstNumber ?? nextFinalNumber(db, settings.prefix),
        width: settings.width,
        draft,
        version: 1,
        reissueOf: null,
        reason: null,
      };
  const last = numbering.firstNumber + Math.max(documents, 1) - 1;
  formatReference(numbering.printedPrefix, last, numbering.width);
  if (!numbering.draft) {
    for (const earlier of finalRanges(db, numbering.prefix)) {
      const family = numbering.reissueOf !== null && (earlier.id === numbering.reissueOf || earlier.reissueOf === numbering.reissueOf);
      if (family || last < earlier.firstNumber || earlier.lastNumber < numbering.firstNumber) continue;
      throw new ReferenceOverlapError(
        rangeText(numbering.prefix, numbering.firstNumber, last, numbering.width),
        earlier,
        nextFinalNumber(db, numbering.prefix),
      );
    }
  }
  return numbering;
}
