/**
 * One line of signal-export's `data.json`: JSON Lines, one `Message.dict()` a line (docs/formats/signal.md
 * §1.2). Keys a build did not write yet (`deleted`, `call`, `missed`, `missing_kind`) take their defaults;
 * a key of the wrong type makes the line unreadable, as a broken line is.
 */
import type { SignalAttachment, SignalRecord, SignalSticker } from './record';

/** A line that is not one message, and why, in words for a note. */
export class BrokenLine {
  constructor(readonly reason: string) {}
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function optionalFlag(object: Json, key: string): boolean | BrokenLine {
  const value = object[key];
  if (value === undefined || value === null) return false;
  return typeof value === 'boolean' ? value : new BrokenLine(`"${key}" is not true or false`);
}

function reactionsOf(value: unknown): (readonly [string, string])[] | BrokenLine {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return new BrokenLine('"reactions" is not a list');
  const found: (readonly [string, string])[] = [];
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string')
      return new BrokenLine('a reaction is not a [name, emoji] pair');
    found.push([pair[0], pair[1]]);
  }
  return found;
}

function attachmentsOf(value: unknown): SignalAttachment[] | BrokenLine {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return new BrokenLine('"attachments" is not a list');
  const found: SignalAttachment[] = [];
  for (const a of value) {
    if (!isObject(a) || typeof a.name !== 'string') return new BrokenLine('an attachment has no "name"');
    const path = typeof a.path === 'string' && a.path !== '' ? a.path : null;
    const missing = typeof a.missing_kind === 'string' && a.missing_kind !== '' ? a.missing_kind : null;
    found.push({ name: a.name, path, missing });
  }
  return found;
}

/** Sticker: the emoji alone in older builds, the `Sticker` dataclass in newer ones. */
function stickerOf(value: unknown): SignalSticker | null | BrokenLine {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'string') return { label: value, path: null };
  if (!isObject(value)) return new BrokenLine('"sticker" is neither text nor a sticker');
  const label = typeof value.emoji === 'string' && value.emoji !== '' ? value.emoji : 'sticker';
  const { packId, id, extension } = value;
  const path =
    typeof packId === 'string' && typeof id === 'string' && typeof extension === 'string' && extension !== ''
      ? `exported_stickers/${packId}/${id}.${extension}`
      : null;
  return { label, path };
}

export function readJsonLine(text: string, line: number): SignalRecord | BrokenLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return new BrokenLine(`it is not valid JSON (${(err as Error).message})`);
  }
  if (!isObject(value)) return new BrokenLine('it is not a JSON object');
  const { date, sender, body, quote } = value;
  if (typeof date !== 'string') return new BrokenLine('it has no "date"');
  if (typeof sender !== 'string') return new BrokenLine('it has no "sender"');
  if (typeof body !== 'string') return new BrokenLine('it has no "body"');
  if (quote !== undefined && quote !== null && typeof quote !== 'string') return new BrokenLine('"quote" is not text');
  const reactions = reactionsOf(value.reactions);
  if (reactions instanceof BrokenLine) return reactions;
  const attachments = attachmentsOf(value.attachments);
  if (attachments instanceof BrokenLine) return attachments;
  const sticker = stickerOf(value.sticker);
  if (sticker instanceof BrokenLine) return sticker;
  const deleted = optionalFlag(value, 'deleted');
  if (deleted instanceof BrokenLine) return deleted;
  const call = optionalFlag(value, 'call');
  if (call instanceof BrokenLine) return call;
  const missed = optionalFlag(value, 'missed');
  if (missed instanceof BrokenLine) return missed;
  return { date, sender, body, quote: quote ?? '', sticker, reactions, attachments, deleted, call, missed, lineStart: line, lineEnd: line };
}
