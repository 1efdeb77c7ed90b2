/**
 * `disclosure-desk` — the command line over the same services as the app (SPEC §8).
 * Exit 0 on success, 1 on a failure (message on stderr), 2 on wrong usage.
 */
import { parseArgs } from 'node:util';
import { COMMANDS } from './cli/commands';
import { UsageError, type CliIo } from './cli/io';
import { APP_VERSION } from './version';

const usage = (): string =>
  ['Usage: disclosure-desk <command> [options] [--json]', '', 'Commands:', ...Object.values(COMMANDS).map((c) => `  disclosure-desk ${c.usage}`)].join('\n');

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
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
      options: { ...command.options, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    await command.run({ positionals, values, json: values.json === true }, io);
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
