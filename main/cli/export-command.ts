/**
 * `disclosure-desk export <case> --out <dir>` (SPEC §8): writes, verifies and records a bundle.
 * Default scope: outcome disclose / disclose with redactions; `--scope` narrows it with a search
 * query, `--include-pending` adds undecided messages. Ctrl+C cancels and leaves nothing behind.
 */
import { ReadOnlyCaseError } from '../../db/errors';
import { ExportSettingsSchema } from '../../preload/channels/export';
import { closeCase, openCase } from '../cases/service';
import { exportBundle, type ExportProgress } from '../export/run';
import { toExportSettings } from '../export/settings';
import { BundleVerificationError } from '../export/verify';
import { updateIndex } from '../search/indexer';
import { indexStatus } from '../search/status';
import { APP_VERSION } from '../version';
import type { Command } from './commands';
import { parseWith, UsageError } from './io';

const str = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

function progressLine(): (p: ExportProgress) => void {
  if (!process.stderr.isTTY) return () => undefined;
  return (p) => process.stderr.write(`\r${p.phase} ${p.pages.toLocaleString('en-GB')}${p.totalPages ? ` of ${p.totalPages.toLocaleString('en-GB')}` : ''} pages   `);
}

export const exportCommand: Command = {
  usage: 'export <case> --out <dir> [--prefix <p>] [--first <n>] [--width <n>] [--unit conversation|day] [--scope <query>] [--include-pending] [--no-xlsx]',
  options: {
    out: { type: 'string' },
    prefix: { type: 'string' },
    first: { type: 'string' },
    width: { type: 'string' },
    unit: { type: 'string' },
    scope: { type: 'string' },
    'include-pending': { type: 'boolean' },
    'no-xlsx': { type: 'boolean' },
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
    const input = parseWith(ExportSettingsSchema, {
      outputDir: str(values.out),
      prefix: str(values.prefix),
      firstNumber: whole('first'),
      width: whole('width'),
      unit: str(values.unit),
      xlsx: values['no-xlsx'] !== true,
      scope: { query: str(values.scope) ?? null, includePending: values['include-pending'] === true },
    });
    const session = openCase(casePath);
    const controller = new AbortController();
    const onInterrupt = (): void => controller.abort();
    process.once('SIGINT', onInterrupt);
    try {
      if (!session.writable) throw new ReadOnlyCaseError(session.path, 'a bundle cannot be recorded in it');
      if (input.scope.query && indexStatus(session.db).state !== 'current') await updateIndex(session.writable);
      const result = await exportBundle(session.writable, session.meta, toExportSettings(input, session.meta), {
        actor: actor,
        appVersion: APP_VERSION,
        casePath: session.path,
        signal: controller.signal,
        onProgress: progressLine(),
      }).catch((err: unknown) => {
        // A script gets the refusal's report as data (which redaction, where, why) as well as the words on stderr.
        if (json && err instanceof BundleVerificationError) io.out(JSON.stringify({ ok: false, verification: err.report }));
        throw err;
      });
      if (process.stderr.isTTY) process.stderr.write('\n');
      for (const leftover of result.leftoversRemoved) io.err(`Removed ${leftover}: the unverified files of an export that was interrupted.`);
      if (json) io.out(JSON.stringify(result));
      else {
        io.out(`Bundle ${result.firstReference}–${result.lastReference}: ${result.pages} pages, ${result.documents} reference(s), ${result.produced} items produced, ${result.withheld} withheld.`);
        io.out(`Verified: ${result.verification.checkedStrings} hidden strings searched for, none found${result.verification.tooShortToCheck ? ` (${result.verification.tooShortToCheck} too short to search)` : ''}.`);
        io.out(`Written to ${result.dir}`);
      }
    } finally {
      process.off('SIGINT', onInterrupt);
      closeCase(session);
    }
  },
};
