/**
 * A case for issue 13's redaction dodges: a WhatsApp export whose file name gives the chat's title
 * ("KESTREL"), a sender saved as "kestrel ops", an attachment named after it, and bodies spelling it
 * in ways a plain search misses (zero-width space, combining overlay, fullwidth letters, a ligature).
 * Every message is disclosed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseSession } from '../../../main/cases/service';
import { importSource } from '../../../main/import/run';
import { decide } from '../../../main/review/decisions';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { makeCase } from '../../helpers/case';

const DODGES_CHAT = [
  '12/03/2021, 09:00 - kestrel ops: Morning. The Kestrel briefing is at ten.',
  '12/03/2021, 09:05 - Fiona Laird: The Staﬃn site is confirmed.',
  '12/03/2021, 09:06 - Fiona Laird: Kes\u200btrel team copied in.',
  '12/03/2021, 09:07 - Fiona Laird: Ask Kes\u0336trel about it.',
  '12/03/2021, 09:08 - Fiona Laird: Ｋｅｓｔｒｅｌ agreed.',
  '12/03/2021, 09:09 - kestrel ops: kestrel-map.jpg (file attached)',
  '12/03/2021, 09:10 - Fiona Laird: Nothing else today from Staffin.',
  '',
].join('\n');

export async function dodgesCase(dir: string): Promise<CaseSession> {
  const chat = join(dir, 'WhatsApp Chat with KESTREL.txt');
  writeFileSync(chat, DODGES_CHAT);
  const session = makeCase(dir);
  await importSource(session.writable!, { path: chat, custodian: 'Fiona Laird', timeZone: 'Europe/London' }, { actor: 'test-reviewer' });
  decide(session.writable!, DecideArgsSchema.parse({ selector: { kind: 'all' }, change: { outcome: 'disclose' } }), 'test-reviewer');
  return session;
}
