/**
 * Whether a name is ever a sender (`from`) or an actor of a service message (`actor`) in an export, read
 * ahead of the parse: a single-chat export has no "sent by me" flag, so the custodian's messages are
 * told apart by name, and every message before the custodian's first one would otherwise be called
 * incoming on the assumption that the custodian is in the chat at all. The scan stops at the first match,
 * or at a full export's `personal_information`, whose user id tells the owner's messages apart instead.
 */
import type { SourceFiles } from '../files';
import { decodeText, TextDecodingError } from '../repair/decode';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export async function namedAsSender(files: SourceFiles, entry: string, name: string): Promise<boolean> {
  // Telegram Desktop writes strings as JSON.stringify does: only quotes, backslashes and control characters escaped.
  const pattern = new RegExp(`"(?:from|actor)"\\s*:\\s*${escapeRegExp(JSON.stringify(name))}`);
  const overlap = JSON.stringify(name).length + 32;
  let tail = '';
  try {
    for await (const { text } of decodeText(files.stream(entry))) {
      const window = tail + text;
      if (pattern.test(window)) return true;
      // A full export names its owner by user id before any chat: direction needs no name, so no need to read on.
      if (/"personal_information"\s*:/.test(window)) return true;
      tail = window.slice(-overlap);
    }
  } catch (error) {
    // The parse that follows reports an undecodable file with its line; here it only means "not seen".
    if (!(error instanceof TextDecodingError)) throw error;
  }
  return false;
}
