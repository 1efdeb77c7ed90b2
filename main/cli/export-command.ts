/**
 * `disclosure-desk export <case> --out <dir>` (docs/spec.md §8): writes, verifies and records a bundle.
 * Default scope: outcome disclose / disclose with redactions; `--scope` narrows it with a search
 * query, `--include-pending` adds undecided messages (and makes the bundle a draft, as `--draft`
 * does). Numbering continues after the last final bundle unless `--first` says otherwise;
 * `--reissue <bundle id> --reason <text>` makes a new version of an earlier bundle. Items the
 * consistency report lists are exported only with `--accept-warnings`; without it the list is printed,
 * nothing is written and the exit code is 1. Ctrl+C cancels and leaves nothing behind. `--profile`
 * says what to make: `bundle` (the PDF bundle, the default), `rsmf` (RSMF 2.0 files), or several
 * (`--profile bundle,rsmf`, or the option repeated) made by one export under the same references, each
 * in a folder of its own. `--output` names an export output by its id (main/export/outputs) instead.
 */
import { ReadOnlyCaseError } from '../../db/errors';
import { ExportSettingsSchema } from '../../common/contract/channels/export';
import { outputForProfiles, UnknownProfileError } from '../../common/domain/export-settings';
import { closeCase, openCase } from '../cases/service';
import { describeWarnings } from '../export/consistency';
import { removeInterruptedExports } from '../export/interrupted';
import { exportBundle, type ExportProgress } from '../export/run';
import { toExportSettings } from '../export/settings';
import { BundleVerificationError } from '../export/verify';
import { updateIndex } from '../search/indexer';
import { indexStatus } from '../search/status';
import { APP_VERSION } from '../version';
import type { Command } from './commands';
import { cancelOnInterrupt, parseWith, UsageError } from './io';

const str = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

/** `--profile bundle,rsmf --profile rsmf` → the output id (pdf-bundle+rsmf); undefined when no profile is named. */
function profileOutput(value: string | boolean | undefined): string | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const names = value.split(',').map((v) => v.trim());
  if (names.some((n) => n === '')) throw new UsageError('--profile names a profile: bundle or rsmf (several separated by commas)');
  try {
    return outputForProfiles(names);
  } catch (err) {
    throw err instanceof UnknownProfileError ? new UsageError(`--profile: ${err.message}`) : err;
  }
}

function progressLine(): (p: ExportProgress) => void {
  if (!process.stderr.isTTY) return () => undefined;
  return (p) =>
    process.stderr.write(
      `\r${p.phase} ${p.pages.toLocaleString('en-GB')}${p.totalPages ? ` of ${p.totalPages.toLocaleString('en-GB')}` : ''} pages   `,
    );
}

export const exportCommand: Command = {
  usage:
    'export <case> --out <dir> [--profile bundle|rsmf[,…]] [--prefix <p>] [--first <n>] [--width <n>] [--unit conversation|day] [--scope <query>] [--include-pending] [--draft] [--reissue <bundle id> --reason <text>] [--accept-warnings] [--no-xlsx] [--output <id>]',
  options: {
    out: { type: 'string' },
    prefix: { type: 'string' },
    first: { type: 'string' },
    width: { type: 'string' },
    unit: { type: 'string' },
    scope: { type: 'string' },
    'include-pending': { type: 'boolean' },
    'no-xlsx': { type: 'boolean' },
    draft: { type: 'boolean' },
    reissue: { type: 'string' },
    reason: { type: 'string' },
    'accept-warnings': { type: 'boolean' },
    output: { type: 'string' },
    profile: { type: 'string', multiple: true },
  },
  async run({ positionals, values, json, actor }, io) {
    const [casePath, ...rest] = positionals;
    if (casePath === undefined) throw new UsageError('missing <case> path');
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}" (quote a --scope query of several words)`);
    const whole = (option: string): number | undefined => {
      const text = str(values[option]);
      if (text === undefined) return undefined;
      if (!/^\d+$/u.test(text)) throw new UsageError(`--${option} must be a whole number`);
      return Number(text);
    };
    const profiled = profileOutput(values.profile);
    if (profiled !== undefined && values.output !== undefined)
      throw new UsageError('--profile and --output both say what to make: use one');
    const reissue = whole('reissue');
    const reason = str(values.reason);
    if ((reissue === undefined) !== (reason === undefined))
      throw new UsageError('--reissue <bundle id> and --reason <text> go together: a re-issue says why');
    const input = parseWith(ExportSettingsSchema, {
      outputDir: str(values.out),
      output: profiled ?? str(values.output),
      prefix: str(values.prefix),
      firstNumber: whole('first'),
      width: whole('width'),
      unit: str(values.unit),
      xlsx: values['no-xlsx'] !== true,
      draft: values.draft === true,
      reissue: reissue === undefined ? null : { bundleId: reissue, reason },
      scope: { query: str(values.scope) ?? null, includePending: values['include-pending'] === true },
    });
    const session = openCase(casePath);
    try {
      if (!session.writable) throw new ReadOnlyCaseError(session.path, 'a bundle cannot be recorded in it');
      for (const run of removeInterruptedExports(session.writable, actor)) {
        io.err(
          `Removed ${run.partialDir}: the unverified files of an export into ${run.bundleDir} that was interrupted (started ${new Date(run.startedAt).toISOString()}); export it again if it is still needed.`,
        );
      }
      if (input.scope.query && indexStatus(session.db).state !== 'current') await updateIndex(session.writable);
      const writable = session.writable;
      const result = await cancelOnInterrupt((token) =>
        exportBundle(writable, session.meta, toExportSettings(input, session.meta), {
          actor,
          appVersion: APP_VERSION,
          casePath: session.path,
          token,
          onProgress: progressLine(),
          ...(values['accept-warnings'] === true ? { acknowledged: 'as-listed' } : {}),
        }),
      ).catch((err: unknown) => {
        // A script gets the refusal's report as data (which redaction, where, why) as well as the words on stderr.
        if (json && err instanceof BundleVerificationError) io.out(JSON.stringify({ ok: false, verification: err.report }));
        throw err;
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      for (const leftover of result.leftoversRemoved)
        io.err(`Removed ${leftover}: the unverified files of an export that was interrupted.`);
      if (json) io.out(JSON.stringify(result));
      else {
        const what = result.draft
          ? 'Draft bundle (DRAFT — NOT FOR DISCLOSURE)'
          : result.reissueOf === null
            ? 'Bundle'
            : `Bundle #${result.reissueOf}, version ${result.version},`;
        if (result.warnings.length)
          io.out(`Acknowledged ${result.warnings.length} item(s) needing a second look:\n${describeWarnings(result.warnings)}`);
        const rsmfFiles = result.files.filter((f) => f.role === 'rsmf').length;
        const made = [...(result.pages > 0 ? [`${result.pages} pages`] : []), ...(rsmfFiles > 0 ? [`${rsmfFiles} RSMF file(s)`] : [])].join(
          ' and ',
        );
        io.out(
          `${what} ${result.firstReference}–${result.lastReference}: ${made}, ${result.documents} reference(s), ${result.produced} items produced, ${result.withheld} withheld.`,
        );
        io.out(
          `Verified: ${result.verification.checkedStrings} hidden strings searched for, none found${result.verification.tooShortToCheck ? ` (${result.verification.tooShortToCheck} too short to search)` : ''}.`,
        );
        io.out(`Written to ${result.dir}`);
      }
    } finally {
      closeCase(session);
    }
  },
};
