/**
 * How much structure an import accepts: how deeply a document may nest and how many members an archive
 * may list. Both caps sit far above anything a genuine export holds, so they only ever stop a damaged or
 * crafted file, and they stop it at once, before its cost is paid.
 *
 * Nesting (XML elements, JSON arrays and objects), counted from the root as depth 1:
 * - a Cellebrite UFDR report nests project › decodedData › modelType › model (Chat) › multiModelField ›
 *   model (InstantMessage) › multiModelField › model (Attachment, Party) › field › value: about 10, and
 *   models inside models add a few levels each, so a real report stays within a few dozen;
 * - an SMS Backup & Restore file nests smses › mms › parts › part: 4;
 * - a Telegram Desktop export nests root › chats › list › chat › messages › message › text › entity: 8,
 *   and text runs inside runs (Telegram Desktop writes them flat) would add two levels each.
 * 1,000 leaves room for 200 runs inside runs (~400 levels, which misreads.test.ts keeps readable) and
 * still bounds the parsers' stacks and the time a hostile file can cost.
 *
 * Archive members: WhatsApp exports a chat with media only for its latest 10,000 messages, so its zip holds
 * at most about 10,000 files; a zipped Telegram Desktop export holds result.json and one file per media
 * item (plus a thumbnail for videos and documents); a UFDR holds report.xml and the files its report tags.
 * A full file-system UFDR can tag hundreds of thousands of files, and refusing a genuine export whole is
 * the worse failure, so the cap stays where earlier releases put it: 1,000,000. Listing a member costs
 * time (0.1-0.25 ms) and memory (about 700 bytes) before anything is read, so the count a crafted central
 * directory declares is checked from its end record first, and refused before any member is listed.
 */

export const MAX_NESTING_DEPTH = 1_000;

export const MAX_ZIP_MEMBERS = 1_000_000;

const count = (n: number): string => n.toLocaleString('en-GB');

/**
 * A document nests deeper than MAX_NESTING_DEPTH. Thrown by the parser as soon as the first element or
 * container past the cap opens, with that line; the import turns it into a refusal naming the file.
 */
export class NestingTooDeepError extends Error {
  constructor(
    readonly nested: 'elements' | 'arrays and objects',
    readonly line: number,
  ) {
    super(
      `${nested} are nested more than ${count(MAX_NESTING_DEPTH)} deep here; no genuine export nests anywhere near this deeply, ` +
        'so the file is damaged or was made to stall the import. It was refused and nothing was imported: ask whoever supplied it for a fresh export',
    );
    this.name = 'NestingTooDeepError';
  }
}

/**
 * Why an archive with more than `cap` members was refused, and what to do if it is genuine; `declared`
 * is the count its directory declares, when the refusal comes before reading any member.
 */
export function tooManyMembers(cap: number, declared?: number): string {
  const members = declared === undefined ? `more than ${count(cap)}` : count(declared);
  const when = declared === undefined ? `at member ${count(cap + 1)}` : 'before any was read';
  return (
    `the archive lists ${members} members; more than ${count(cap)} is more than any export holds, so it was refused ${when}. ` +
    'If it is a genuine extraction this large, extract it and import the folder'
  );
}
