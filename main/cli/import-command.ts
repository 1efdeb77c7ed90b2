/**
 * `disclosure-desk import`: one source per path, each all or nothing. Ctrl+C cancels the import under
 * way, which is rolled back.
 */
import { ImportArgs } from '../../common/contract';
import { moreWarnings, noteHeadline, notesSentence, WARNINGS_QUOTED } from '../../common/domain/import-notes';
import type { ReadableDB } from '../../db/connection';
import { sourceNotes } from '../browse/sources';
import { closeCase, openCase } from '../cases/service';
import { describeLocator } from '../import/errors';
import { SOURCE_FORMATS, type SourceFormat } from '../../common/domain/model';
import { importSource, type ImportProgress, type ImportSummary } from '../import/run';
import { ReadOnlyCaseError } from '../../db/errors';
import { indexAfterImport } from '../import/index-after';
import { cancelOnInterrupt, parseWith, UsageError } from './io';
import type { Command } from './commands';

const FORMAT_ALIASES: Readonly<Record<string, SourceFormat>> = {
  sms: 'sms_backup_restore',
  sbr: 'sms_backup_restore',
  ufdr: 'cellebrite_ufdr',
  cellebrite: 'cellebrite_ufdr',
  'chat.db': 'imessage',
};

function formatOption(value: string | undefined): SourceFormat | undefined {
  if (value === undefined) return undefined;
  const format = FORMAT_ALIASES[value] ?? value;
  if (!(SOURCE_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${[...SOURCE_FORMATS, ...Object.keys(FORMAT_ALIASES)].join(', ')}`);
  }
  return format as SourceFormat;
}

function progressLine(name: string): (p: ImportProgress) => void {
  if (!process.stderr.isTTY) return () => undefined;
  return (p) => {
    const percent = p.bytesTotal ? Math.floor((100 * p.bytesRead) / p.bytesTotal) : 0;
    const what = p.phase === 'hashing' ? 'checking' : p.phase === 'finishing' ? 'finishing' : 'reading';
    process.stderr.write(`\r${name}: ${what} ${percent}% · ${p.messages.toLocaleString('en-GB')} messages   `);
  };
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

const describe = (s: ImportSummary): string =>
  `Imported ${s.fileName} (${s.format}): ${plural(s.messages, 'message')} in ${plural(s.conversations, 'conversation')}, ` +
  `${plural(s.participants, 'participant')}, ${plural(s.attachments, 'attachment')}; ${notesSentence(s.notes) ?? 'nothing needed noting'}` +
  `${s.duplicatesGrouped ? `; ${s.duplicatesGrouped} messages matched copies held by other custodians` : ''}.`;

/** The first warnings in their own words (what was kept aside, what may be misread), one a line. */
function warningLines(db: ReadableDB, s: ImportSummary): string[] {
  if (s.notes.warnings === 0) return [];
  const quoted = sourceNotes(db, s.sourceId, WARNINGS_QUOTED, 0).notes.filter((note) => note.kind === 'warning');
  const lines = quoted.map((note) => `  warning: ${noteHeadline(note.message)}${describeLocator(note.locator ?? undefined)}`);
  const more = moreWarnings(s.notes.warnings, quoted.length);
  return more ? [...lines, `  ${more}`] : lines;
}

export const importCommand: Command = {
  usage: 'import <case> <path>... --custodian <name> [--device <label>] [--format <fmt>] [--tz <IANA>] [--date-order dmy|mdy] [--strict]',
  options: {
    custodian: { type: 'string' },
    device: { type: 'string' },
    format: { type: 'string' },
    tz: { type: 'string' },
    'date-order': { type: 'string' },
    strict: { type: 'boolean' },
  },
  async run({ positionals, values, json, actor }, io) {
    const [casePath, ...paths] = positionals;
    if (casePath === undefined || paths.length === 0) throw new UsageError('give the case and at least one file or folder to import');
    const str = (v: string | boolean | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
    const requests = paths.map((path) =>
      parseWith(ImportArgs, {
        path,
        custodian: str(values.custodian),
        device: str(values.device),
        format: formatOption(str(values.format)),
        timeZone: str(values.tz),
        dateOrder: str(values['date-order']),
        ...(values.strict === true && { strict: true }),
      }),
    );
    const session = openCase(casePath);
    const imported: ImportSummary[] = [];
    const failed: { path: string; error: string }[] = [];
    try {
      const writable = session.writable;
      if (!writable) throw new ReadOnlyCaseError(session.path, 'nothing can be imported into it');
      await cancelOnInterrupt(async (token) => {
        for (const request of requests) {
          if (token.isCancellationRequested) break;
          try {
            const summary = await importSource(
              writable,
              { ...request, timeZone: request.timeZone ?? session.meta.defaultTimeZone },
              { actor, token, onProgress: progressLine(request.path) },
            );
            imported.push(summary);
            if (process.stderr.isTTY) process.stderr.write('\n');
            if (!json) io.out([describe(summary), ...warningLines(writable, summary)].join('\n'));
          } catch (err) {
            if (process.stderr.isTTY) process.stderr.write('\n');
            failed.push({ path: request.path, error: (err as Error).message });
            if (!json) io.err((err as Error).message);
          }
        }
        // Leave the case searchable; Ctrl+C now stops only the indexing.
        const indexing = imported.length ? await indexAfterImport(writable, token) : null;
        if (indexing) io.err(indexing.message);
      });
    } finally {
      closeCase(session);
    }
    if (json) io.out(JSON.stringify({ imported, failed }));
    if (failed.length) throw new ImportFailures(failed.length, requests.length);
  },
};

/** Some paths failed: exit 1. The details were already printed per path. */
export class ImportFailures extends Error {
  constructor(failed: number, total: number) {
    super(
      `${failed} of ${total} import${total === 1 ? '' : 's'} failed; nothing from ${failed === 1 ? 'that file' : 'those files'} was imported`,
    );
    this.name = 'ImportFailures';
  }
}
