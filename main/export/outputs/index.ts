/**
 * The export outputs, by id. An output is its module and one line here; the export (run.ts) picks
 * the one the settings name, so a new one (RSMF, load files) plugs in beside the PDF bundle without
 * touching the export itself.
 */
import { DEFAULT_EXPORT_OUTPUT } from '../../../common/domain/export-settings';
import { combinedOutput } from './combined';
import type { ExportOutput } from './output';
import { pdfBundle } from './pdf-bundle';
import { rsmfOutput } from './rsmf';

export type { ExportOutput } from './output';

const outputs = new Map<string, ExportOutput>();

export class UnknownOutputError extends Error {
  constructor(id: string) {
    super(`There is no export output "${id}": choose one of ${[...outputs.keys()].join(', ')}. Nothing was written.`);
    this.name = 'UnknownOutputError';
  }
}

/** Adds an output; returns what removes it again (a test's toy output). */
export function registerOutput(output: ExportOutput): () => void {
  if (outputs.has(output.id)) throw new Error(`export output "${output.id}" is registered twice`);
  outputs.set(output.id, output);
  return () => outputs.delete(output.id);
}

/**
 * The output the settings name; absent, the default (the PDF bundle). Several ids joined by "+"
 * ("pdf-bundle+rsmf") make one export of all of them (combined.ts): one selection, one set of
 * references, each output in its own folder.
 */
export function outputById(id: string = DEFAULT_EXPORT_OUTPUT): ExportOutput {
  if (id.includes('+')) return combinedOutput(id.split('+').map((part) => outputById(part)));
  const found = outputs.get(id);
  if (!found) throw new UnknownOutputError(id);
  return found;
}

registerOutput(pdfBundle);
registerOutput(rsmfOutput);
