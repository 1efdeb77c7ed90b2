/**
 * CLI commands (docs/spec.md §8), each over the same services the app uses.
 */
import { CreateCaseArgs } from '../../common/contract';
import { caseCounts, caseInfo, closeCase, createCase, openCase } from '../cases/service';
import { APP_VERSION } from '../version';
import { auditCommand } from './audit-command';
import { exportCommand } from './export-command';
import { importCommand } from './import-command';
import { packCommand } from './pack-command';
import { redactCommand } from './redact-command';
import { redactImageCommand } from './redact-image-command';
import { reviewCommand } from './review-command';
import { verifyCommand } from './verify-command';
import { parseWith, UsageError, type CliIo } from './io';
import { keywordsCommand, searchCommand } from './search-command';

export interface CommandInput {
  readonly positionals: readonly string[];
  /** An option declared `multiple` gives every value it was given, in order, joined by commas. */
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly json: boolean;
  /** Who is recorded on what the command changes: `--reviewer`, else the stored name, else the OS user. */
  readonly actor: string;
}

export interface Command {
  readonly usage: string;
  readonly options: Readonly<Record<string, { type: 'string' | 'boolean'; multiple?: boolean }>>;
  run(input: CommandInput, io: CliIo): Promise<void>;
}

const one = (positionals: readonly string[], what: string): string => {
  const [first, ...rest] = positionals;
  if (first === undefined) throw new UsageError(`missing ${what}`);
  if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
  return first;
};

const str = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

const create: Command = {
  usage: 'create <case> --name <text> [--prefix <ref prefix>] [--tz <IANA>] [--inquiry <text>] [--request-ref <text>] [--marking <text>]',
  options: {
    name: { type: 'string' },
    prefix: { type: 'string' },
    tz: { type: 'string' },
    inquiry: { type: 'string' },
    'request-ref': { type: 'string' },
    marking: { type: 'string' },
  },
  async run({ positionals, values, json, actor }, io) {
    const args = parseWith(CreateCaseArgs, {
      path: one(positionals, '<case> path'),
      name: str(values.name),
      inquiry: str(values.inquiry),
      requestReference: str(values['request-ref']),
      referencePrefix: str(values.prefix),
      protectiveMarking: str(values.marking),
      defaultTimeZone: str(values.tz),
    });
    const { path, ...details } = args;
    const session = createCase(path, details, { actor: actor, appVersion: APP_VERSION });
    const info = caseInfo(session);
    closeCase(session);
    io.out(json ? JSON.stringify(info) : `Created case "${info.name}" at ${info.path}`);
  },
};

const stats: Command = {
  usage: 'stats <case>',
  options: {},
  async run({ positionals, json }, io) {
    const session = openCase(one(positionals, '<case> path'), { readOnly: true });
    try {
      const counts = caseCounts(session);
      if (json) io.out(JSON.stringify(counts));
      else {
        io.out(`${caseInfo(session).name} (${session.path})`);
        for (const [key, value] of Object.entries(counts)) io.out(`  ${key.padEnd(14)} ${value}`);
      }
    } finally {
      closeCase(session);
    }
  },
};

export const COMMANDS: Readonly<Record<string, Command>> = {
  create,
  import: importCommand,
  stats,
  search: searchCommand,
  keywords: keywordsCommand,
  review: reviewCommand,
  redact: redactCommand,
  'redact-image': redactImageCommand,
  export: exportCommand,
  verify: verifyCommand,
  audit: auditCommand,
  pack: packCommand,
};
