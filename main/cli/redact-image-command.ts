/**
 * `disclosure-desk redact-image` (docs/spec.md §13): rectangle redactions of an image attachment, by
 * attachment id — add one (optionally replacing one), list the live ones (with --history, the removed and
 * superseded too), or supersede one saying why. Same schemas and services as the app; undo with the app's
 * undo, as for every redaction. Rectangles are fractions of the image as displayed: x,y is the top-left
 * corner, w,h the size, each 0..1 ("0.1,0.2,0.3,0.25" is 30% wide, 25% high, 10% in and 20% down).
 */
import { ReadOnlyCaseError } from '../../db/errors';
import {
  AddImageRedactionArgsSchema,
  ListImageRedactionsArgsSchema,
  SupersedeImageRedactionArgsSchema,
} from '../../common/contract/channels/image-redaction';
import type { ImageRedaction } from '../../common/domain/image-regions';
import { closeCase, openCase } from '../cases/service';
import { addImageRedaction, listImageRedactions, supersedeImageRedaction } from '../redact/image-regions';
import type { Command } from './commands';
import { parseWith, UsageError } from './io';

const str = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

function wholeNumber(text: string | undefined, what: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim())) throw new UsageError(`${what}: "${text}" is not a whole number`);
  return Number(text);
}

/** "x,y,w,h" as four numbers; the schema says what is wrong with their values. */
function rectangle(text: string): { x: number; y: number; w: number; h: number } {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 4 || parts.some((p) => !/^\d*\.?\d+(e-?\d+)?$/i.test(p)))
    throw new UsageError(`--rect: "${text}" is not x,y,w,h (four fractions of the image from 0 to 1, e.g. 0.1,0.2,0.3,0.25)`);
  const [x, y, w, h] = parts.map(Number) as [number, number, number, number];
  return { x, y, w, h };
}

const percent = (n: number): string => `${Math.round(n * 1000) / 10}%`;

const inWords = (r: ImageRedaction): string =>
  `#${r.id} ${percent(r.rect.w)} × ${percent(r.rect.h)} at ${percent(r.rect.x)}, ${percent(r.rect.y)}: ${r.label}` +
  `${r.note ? ` (${r.note})` : ''} — by ${r.createdBy}` +
  (r.removedAt === null
    ? ''
    : r.supersededBy !== null
      ? `; superseded by #${r.supersededBy}`
      : `; removed by ${r.removedBy ?? '?'}${r.removalNote ? `: ${r.removalNote}` : ''}`);

export const redactImageCommand: Command = {
  usage:
    'redact-image <case> (--attachment <id> --rect <x,y,w,h> --reason <code> [--note <text>] [--replaces <region id>] ' +
    '| --attachment <id> --list [--history] | --supersede <region id> --note <why>)',
  options: {
    attachment: { type: 'string' },
    rect: { type: 'string' },
    reason: { type: 'string' },
    note: { type: 'string' },
    replaces: { type: 'string' },
    list: { type: 'boolean' },
    history: { type: 'boolean' },
    supersede: { type: 'string' },
  },
  async run({ positionals, values, json, actor }, io) {
    const [casePath, ...rest] = positionals;
    if (casePath === undefined) throw new UsageError('missing <case> path');
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const actions = [values.rect, values.list, values.supersede].filter((v) => v !== undefined);
    if (actions.length !== 1) throw new UsageError('choose exactly one of --rect (add), --list or --supersede');
    const attachmentId = wholeNumber(str(values.attachment), '--attachment');
    if (attachmentId === undefined && values.supersede === undefined) throw new UsageError('--attachment <id> is required');
    if (values.list !== true && values.history === true) throw new UsageError('--history goes with --list');

    const session = openCase(casePath, { readOnly: values.list === true });
    const writable = () => {
      if (!session.writable) throw new ReadOnlyCaseError(session.path, 'image redactions cannot be changed');
      return session.writable;
    };
    try {
      if (values.list === true) {
        const args = parseWith(ListImageRedactionsArgsSchema, { attachmentId, includeRemoved: values.history === true });
        const regions = listImageRedactions(session.db, args);
        if (json) io.out(JSON.stringify(regions));
        else if (regions.length === 0) io.out(`Attachment #${attachmentId} has no ${args.includeRemoved ? '' : 'live '}image redactions.`);
        else for (const r of regions) io.out(inWords(r));
      } else if (values.supersede !== undefined) {
        const id = wholeNumber(str(values.supersede), '--supersede');
        const args = parseWith(SupersedeImageRedactionArgsSchema, { id, note: str(values.note) ?? '' });
        if (attachmentId !== undefined && !listImageRedactions(session.db, { attachmentId, includeRemoved: true }).some((r) => r.id === id))
          throw new UsageError(`image redaction #${id} is not on attachment #${attachmentId}; nothing was changed`);
        const result = supersedeImageRedaction(writable(), args, actor);
        io.out(json ? JSON.stringify(result) : `Superseded image redaction #${result.removed}: ${args.note}`);
      } else {
        if (values.reason === undefined) throw new UsageError('--reason <code> is required (e.g. article-8)');
        const args = parseWith(AddImageRedactionArgsSchema, {
          attachmentId,
          rect: rectangle(str(values.rect) ?? ''),
          reasonCode: str(values.reason),
          note: str(values.note),
          replaces: wholeNumber(str(values.replaces), '--replaces'),
        });
        const result = addImageRedaction(writable(), args, actor);
        io.out(
          json
            ? JSON.stringify(result)
            : `Added image redaction ${inWords(result.redaction)}.${result.replaced ? ` It replaces #${result.replaced}.` : ''}`,
        );
      }
    } finally {
      closeCase(session);
    }
  },
};
