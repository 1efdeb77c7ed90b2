/**
 * `disclosure-desk pack`: export one custodian's custodian check pack, or bring a returned pack's
 * flags back into the case (the reviewer then accepts or rejects them in the app).
 */
import { custodianByName } from '../../db/queries/browse';
import { ReadOnlyCaseError } from '../../db/errors';
import { closeCase, openCase } from '../cases/service';
import { CustodianNotFoundError } from '../review/errors';
import { exportPack } from '../review/pack-export';
import { importPackFlags } from '../review/pack-import';
import { APP_VERSION } from '../version';
import { UsageError } from './io';
import type { Command } from './commands';

const str = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

export const packCommand: Command = {
  usage: 'pack <case> (--custodian <name> --out <pack.ddcase> | --import-flags <pack.ddcase>)',
  options: { custodian: { type: 'string' }, out: { type: 'string' }, 'import-flags': { type: 'string' } },
  async run({ positionals, values, json, actor }, io) {
    const [casePath, ...rest] = positionals;
    if (casePath === undefined) throw new UsageError('missing <case> path');
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const custodian = str(values.custodian);
    const out = str(values.out);
    const flagsFrom = str(values['import-flags']);
    const exporting = custodian !== undefined || out !== undefined;
    if (exporting === (flagsFrom !== undefined)) throw new UsageError('either export (--custodian and --out) or --import-flags');
    if (exporting && (custodian === undefined || out === undefined)) throw new UsageError('an export needs both --custodian and --out');
    if (out !== undefined && !out.toLowerCase().endsWith('.ddcase'))
      throw new UsageError('--out: a pack is a case file; its name ends in .ddcase');

    const session = openCase(casePath);
    try {
      if (!session.writable) throw new ReadOnlyCaseError(session.path, 'the pack export or flag import is recorded in its audit log');
      if (flagsFrom !== undefined) {
        const result = importPackFlags(session.writable, flagsFrom, actor);
        io.out(
          json
            ? JSON.stringify(result)
            : `Imported ${result.flags} flag${result.flags === 1 ? '' : 's'} from ${result.custodian}'s pack ${result.packId}.`,
        );
        return;
      }
      const found = custodianByName(session.db, custodian ?? '');
      if (!found) throw new CustodianNotFoundError(custodian ?? '');
      const result = exportPack(session.writable, found.id, out ?? '', { actor: actor, appVersion: APP_VERSION });
      io.out(
        json
          ? JSON.stringify(result)
          : `Wrote ${result.custodian}'s custodian check pack (${result.messages} messages in ${result.conversations} conversations) to ${result.path}; SHA-256 ${result.sha256}.`,
      );
    } finally {
      closeCase(session);
    }
  },
};
