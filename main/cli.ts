/**
 * `disclosure-desk` — the command line over the same services as the app (docs/spec.md §8).
 * Exit 0 on success, 1 on a failure (message on stderr), 2 on wrong usage.
 */
import { parseArgs } from 'node:util';
import { resolveReviewer } from './actor';
import { COMMANDS } from './cli/commands';
import { UsageError, type CliIo } from './cli/io';
import { InvalidReviewerNameError } from '../common/domain/reviewer-name';
import { userSettingsDir } from './paths';
import { APP_VERSION } from './version';

export interface CliEnvironment {
  /** Where the app keeps the reviewer's name (the CLI reads it; `--reviewer` overrides it). */
  readonly settingsDir: string;
}

const usage = (): string =>
  [
    'Usage: disclosure-desk <command> [options] [--json] [--reviewer <name>]',
    '',
    'Commands:',
    ...Object.values(COMMANDS).map((c) => `  disclosure-desk ${c.usage}`),
    '',
    'Changes are recorded under --reviewer <name>, else the name given in the app on this machine, else the OS user.',
  ].join('\n');

export async function runCli(
  argv: readonly string[],
  io: CliIo,
  env: CliEnvironment = { settingsDir: userSettingsDir() },
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.err : io.out)(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version') {
    io.out(APP_VERSION);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`disclosure-desk: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { ...command.options, json: { type: 'boolean' }, reviewer: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    let actor: string;
    try {
      actor = resolveReviewer(typeof values.reviewer === 'string' ? values.reviewer : undefined, env.settingsDir);
    } catch (err) {
      throw err instanceof InvalidReviewerNameError ? new UsageError(`--reviewer: ${err.message}`) : err;
    }
    // A repeated option (`multiple`) arrives as one comma-separated value, as if written once.
    const joined = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
    await command.run({ positionals, values: joined, json: values.json === true, actor }, io);
    return 0;
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`disclosure-desk ${name}: ${error.message}\nUsage: disclosure-desk ${command.usage} [--json]`);
      return 2;
    }
    io.err(`disclosure-desk ${name}: ${error.message}`);
    return 1;
  }
}

export async function main(): Promise<void> {
  process.exitCode = await runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}
