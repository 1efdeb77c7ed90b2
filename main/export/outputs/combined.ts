/**
 * Several outputs made by one export (`export --profile bundle,rsmf`): the same selection under the
 * same references — a page cited as "INQ000236371, page 3" and the RSMF file INQ000236371.rsmf are the
 * same reference — each output writing into a folder of its own named by its id (`pdf-bundle/`,
 * `rsmf/`), so each folder is complete and verifiable alone. One bundle record lists every file by its
 * path in the export's folder; the items are placed as the first output with pages places them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { mergedReport } from '../verify-export';
import type { ExportOutput, ProducedOutput } from './output';

export class RepeatedOutputError extends Error {
  constructor(id: string) {
    super(`The output "${id}" is named twice: name each output once. Nothing was written.`);
    this.name = 'RepeatedOutputError';
  }
}

export function combinedOutput(parts: readonly ExportOutput[]): ExportOutput {
  const ids = parts.map((p) => p.id);
  for (const [i, id] of ids.entries()) if (ids.indexOf(id) !== i) throw new RepeatedOutputError(id);
  return {
    id: ids.join('+'),
    label: parts.map((p) => p.label).join(' and '),
    writes: parts.map((p) => `${p.id}/: ${p.writes}`).join(' '),
    async produce(selection, settings, ctx) {
      const made: { id: string; produced: ProducedOutput }[] = [];
      for (const part of parts) {
        const dir = join(ctx.dir, part.id);
        mkdirSync(dir, { mode: 0o700 });
        made.push({ id: part.id, produced: await part.produce(selection, settings, { ...ctx, dir }) });
      }
      const placing = made.find((m) => m.produced.pages > 0) ?? made[0];
      if (!placing) throw new Error('an export of several outputs was given none');
      return {
        files: made.flatMap(({ id, produced }) => produced.files.map((f) => ({ ...f, name: `${id}/${f.name}` }))),
        written: made.flatMap(({ id, produced }) => produced.written.map((f) => ({ ...f, name: `${id}/${f.name}` }))),
        pages: placing.produced.pages,
        placed: placing.produced.placed,
        verification: mergedReport(made.map((m) => m.produced.verification)),
      };
    },
  };
}
