/**
 * The registry of import formats, and how a format is recognised from content (docs/spec.md §3:
 * detected from content; the user can override). A format is one module (format.ts) and one entry in
 * FORMATS; nothing else in the pipeline names a format.
 */
import type { SourceFormat } from '../../common/domain/model';
import { cellebrite } from './cellebrite';
import { ImportInputError } from './errors';
import type { SourceFiles } from './files';
import type { ImportFormat, SniffHead } from './format';
import { imessage } from './imessage';
import { rsmf } from './rsmf';
import { signal } from './signal';
import { smsBackupRestore } from './sms-backup-restore';
import { telegram } from './telegram';
import { whatsapp } from './whatsapp';

/** Every format, in the order detection breaks ties. */
const FORMATS = new Map<SourceFormat, ImportFormat>(
  [cellebrite, rsmf, imessage, whatsapp, telegram, smsBackupRestore, signal].map((f) => [f.id, f]),
);

export function formatOf(id: SourceFormat): ImportFormat {
  const format = FORMATS.get(id);
  if (!format) throw new Error(`no import format is registered as "${id}"`);
  return format;
}

/**
 * Puts `format` in the registry, in place of the one registered under its id; returns how to put that
 * one back. The registry is per thread: a format registered here is not seen by a parse thread.
 */
export function registerFormat(format: ImportFormat): () => void {
  const before = FORMATS.get(format.id);
  FORMATS.set(format.id, format);
  return () => {
    if (before) FORMATS.set(format.id, before);
    else FORMATS.delete(format.id);
  };
}

const HEAD_BYTES = 64 * 1024;

async function head(files: SourceFiles, entry: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of files.stream(entry)) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= HEAD_BYTES) break;
  }
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
}

function decodeHead(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

/** The most confident format for `head`, or null when none is at all. */
function mostConfident(head: SniffHead): SourceFormat | null {
  let best: SourceFormat | null = null;
  let bestConfidence = 0;
  for (const format of FORMATS.values()) {
    const confidence = format.sniff(head);
    if (confidence > bestConfidence) {
      best = format.id;
      bestConfidence = confidence;
    }
  }
  return best;
}

/** Names the format of an opened input from its contents, or says plainly that none matched. */
export async function detectFormat(files: SourceFiles): Promise<SourceFormat> {
  const { entries } = files;
  const names = new Set(entries.map((e) => e.split('/').pop() ?? e));
  const byName = mostConfident({ entries, names, bytes: new Uint8Array(0), text: '' });
  if (byName) return byName;
  const candidates = entries.filter((e) => !/\.(jpe?g|png|gif|webp|heic|mp4|mov|opus|m4a|pdf|vcf)$/i.test(e));
  for (const entry of candidates.slice(0, 8)) {
    const bytes = await head(files, entry);
    const byContent = mostConfident({ entries, names, bytes, text: decodeHead(bytes) });
    if (byContent) return byContent;
  }
  const textEntry = candidates.find((e) => e.toLowerCase().endsWith('.txt'));
  if (textEntry && !(await head(files, textEntry)).includes(0)) {
    throw new ImportInputError(
      files.displayName,
      'a text file with no WhatsApp message header (a line such as "12/03/2021, 09:14 - Name: text"); it is not a chat export',
    );
  }
  throw new ImportInputError(
    files.displayName,
    'not a recognised export (expected a WhatsApp chat export, SMS Backup & Restore XML, Telegram result.json, ' +
      'iMessage chat.db/sms.db, Cellebrite UFDR, RSMF or a Signal signal-export folder); choose the format explicitly if you are sure',
  );
}
