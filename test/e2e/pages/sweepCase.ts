/**
 * A 200,000-message case for the sweep e2e, written straight into a case file (the import UI and its
 * speed have their own tests; building this through an import costs 20 s of a busy machine): two
 * conversations of plain talk with no digits or @, and personal data planted at known places — every
 * PHONE_EVERY-th message a phone number (the spellings rotate), every NI_EVERY-th otherwise an NI
 * number in one of its spacings — so the expected hits are counted here, not guessed.
 */
import { closeCase, createCase } from '../../../main/cases/service';
import { TEST_ACTOR, TEST_DETAILS } from '../../helpers/case';
import { SPELLINGS } from '../../helpers/phone-spellings';
import { seedConversation } from '../../main/review/seed';

export const PHONE_EVERY = 1_000;
export const NI_EVERY = 2_500;
const NI_SPELLINGS = ['QQ 12 34 56 C', 'QQ123456C', 'QQ 123456 C', 'qq-12-34-56-c'];
const TALK = [
  'Morning all, the briefing has moved to the afternoon',
  'Can someone send the latest figures before the call',
  'Agreed, let us keep the wording as it is',
  'I will raise it with the chief medical officer',
  'Thanks, that is really helpful',
  'Running late, start without me',
];

export const CONVERSATIONS = [
  { title: 'Covid Core', custodian: 'Fiona Laird', messages: 150_000 },
  { title: 'Euan Baird', custodian: 'Fiona Laird', messages: 50_000 },
] as const;

const planted = (seq: number): boolean => (seq + 1) % PHONE_EVERY === 0 || (seq + 1) % NI_EVERY === 0;

/** Suggestions the case holds: one per planted message. */
export const EXPECTED_HITS = CONVERSATIONS.reduce(
  (sum, c) => sum + Array.from({ length: c.messages }, (_, seq) => planted(seq)).filter(Boolean).length,
  0,
);

export function seedSweepCase(path: string, name: string): void {
  const session = createCase(path, { ...TEST_DETAILS, name, defaultTimeZone: 'UTC' }, TEST_ACTOR);
  const db = session.writable!;
  for (const c of CONVERSATIONS) seedConversation(db, c.custodian, c.messages, c.title);
  db.prepare(
    `UPDATE messages SET body = CASE
       WHEN (seq + 1) % ${PHONE_EVERY} = 0 THEN 'Ring her on ' || json_extract(:phones, '$[' || (((seq + 1) / ${PHONE_EVERY}) % json_array_length(:phones)) || ']') || ' after six'
       WHEN (seq + 1) % ${NI_EVERY} = 0 THEN 'Her NI number is ' || json_extract(:nis, '$[' || (((seq + 1) / ${NI_EVERY}) % json_array_length(:nis)) || ']') || ' for the form'
       ELSE json_extract(:talk, '$[' || (seq % json_array_length(:talk)) || ']') END`,
  ).run({ phones: JSON.stringify(SPELLINGS), nis: JSON.stringify(NI_SPELLINGS), talk: JSON.stringify(TALK) });
  closeCase(session);
}
