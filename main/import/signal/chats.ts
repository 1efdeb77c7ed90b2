/**
 * The chats in what was imported: signal-export writes one folder per conversation, named for the
 * contact or group, holding `data.json` (from March 2024) and `chat.md` (docs/formats/signal.md §1).
 * The import may be the export's root folder, one chat's folder, a zip of either, or one chat file.
 */
import { basename, dirname } from 'node:path';
import { ImportInputError } from '../errors';
import type { SourceFiles } from '../files';

export interface ChatFolder {
  /** The folder's path inside the input, ending in `/`, or `''` when the chat's files are at its top. */
  readonly folder: string;
  /** The folder's name, which signal-export made from the contact's or group's name. */
  readonly title: string;
  readonly json: string | null;
  readonly markdown: string | null;
}

const CHAT_FILES = new Set(['data.json', 'chat.md']);

const nameOf = (entry: string): string => entry.slice(entry.lastIndexOf('/') + 1);
const folderOf = (entry: string): string => entry.slice(0, entry.lastIndexOf('/') + 1);

/** Sticker packs keep a data.json of their own under exported_stickers/; it is not a chat. */
const isChatFile = (entry: string): boolean => CHAT_FILES.has(nameOf(entry)) && !entry.split('/').includes('exported_stickers');

/** The name of a chat whose files sit at the top of the input: the folder or zip the user picked, or the one holding the file. */
function topTitle(files: SourceFiles): string {
  const [only] = files.entries;
  if (files.entries.length === 1 && only !== undefined && CHAT_FILES.has(only)) {
    const path = files.diskPath(only);
    return path === null ? files.displayName : basename(dirname(path));
  }
  return files.displayName.replace(/\.zip$/i, '');
}

export function chatFolders(files: SourceFiles): ChatFolder[] {
  const byFolder = new Map<string, { json: string | null; markdown: string | null }>();
  for (const entry of files.entries) {
    if (!isChatFile(entry)) continue;
    const folder = folderOf(entry);
    const chat = byFolder.get(folder) ?? { json: null, markdown: null };
    if (nameOf(entry) === 'data.json') chat.json = entry;
    else chat.markdown = entry;
    byFolder.set(folder, chat);
  }
  if (byFolder.size === 0) {
    throw new ImportInputError(
      files.displayName,
      'no signal-export chat in it (a folder holding data.json or chat.md); choose the export folder, one chat’s folder, or its data.json',
    );
  }
  return [...byFolder.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([folder, chat]) => ({ folder, title: folder === '' ? topTitle(files) : nameOf(folder.slice(0, -1)), ...chat }));
}

/** Whether some folder of the input holds both of signal-export's chat files: no other export names its files so. */
export function holdsChatPair(entries: readonly string[]): boolean {
  const markdownFolders = new Set(entries.filter((e) => isChatFile(e) && nameOf(e) === 'chat.md').map(folderOf));
  return entries.some((e) => isChatFile(e) && nameOf(e) === 'data.json' && markdownFolders.has(folderOf(e)));
}
