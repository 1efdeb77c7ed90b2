/**
 * Which file in an export is the chat, and what the export's file name says about it.
 */
import { ImportInputError } from '../errors';
import type { SourceFiles } from '../files';

function baseName(entry: string): string {
  return entry.slice(entry.lastIndexOf('/') + 1);
}

/**
 * iOS zips hold `_chat.txt`; Android exports are one `.txt`, possibly with loose media beside it. When
 * several `.txt` files remain, one whose name says WhatsApp or chat is taken, and only if it is the only one.
 */
export function chooseChatEntry(files: SourceFiles): string {
  const [only] = files.entries;
  if (files.entries.length === 1 && only !== undefined) return only;
  const chats = files.entries.filter((entry) => baseName(entry) === '_chat.txt');
  const [chat, other] = chats;
  if (chat !== undefined && other !== undefined) {
    throw new ImportInputError(
      files.displayName,
      `it holds more than one chat (${chats.slice(0, 5).join(', ')}); import each chat's own folder or file instead`,
    );
  }
  if (chat !== undefined) return chat;
  const texts = files.entries.filter((entry) => entry.toLowerCase().endsWith('.txt'));
  const [text] = texts;
  if (texts.length === 1 && text !== undefined) return text;
  const named = texts.filter((entry) => /whatsapp|chat/i.test(baseName(entry)));
  const [chosen] = named;
  if (named.length === 1 && chosen !== undefined) return chosen;
  if (texts.length === 0) throw new ImportInputError(files.displayName, 'no chat text file (_chat.txt or a .txt file) in the export');
  throw new ImportInputError(
    files.displayName,
    `several text files could be the chat (${texts.slice(0, 5).join(', ')}); import the chat's own .txt file instead`,
  );
}

/** Localised export names, e.g. `WhatsApp Chat with X.txt`, `WhatsApp Chat - X.zip`; `_` may replace spaces. */
const NAME_PREFIXES = [
  'whatsapp chat with ',
  'whatsapp chat - ',
  'whatsapp chat mit ',
  'chat de whatsapp con ',
  'chat whatsapp con ',
  'conversa do whatsapp com ',
  'conversa no whatsapp com ',
  'discussion whatsapp avec ',
  'чат whatsapp с ',
  'chat whatsapp s uživatelem ',
];

/**
 * The chat name a file name carries, or null. Localised names can hold NBSP (`Чат WhatsApp с⟨NBSP⟩…`);
 * it is matched as a space.
 */
export function chatNameFromFileName(fileName: string): string | null {
  const name = baseName(fileName)
    .replace(/\.(txt|zip)$/i, '')
    .replace(/[_\u00A0]/g, ' ');
  const lower = name.toLowerCase();
  for (const prefix of NAME_PREFIXES) {
    if (lower.startsWith(prefix)) {
      const chatName = name.slice(prefix.length).trim();
      return chatName || null;
    }
  }
  return null;
}

/** The file name without its extension, when nothing better names the chat. */
export function fileStem(fileName: string): string {
  return baseName(fileName).replace(/\.[^.]*$/, '') || fileName;
}
