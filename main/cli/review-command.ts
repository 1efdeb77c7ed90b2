/**
 * `disclosure-desk review`: one decision applied to a selection, exactly as the Review screen's bulk
 * action does it (same schema, same service, one batch, one audit entry).
 */
import { DecideArgsSchema, type DecideResult, type ReviewSelector } from '../../preload/channels/review';
import { ReadOnlyCaseError } from '../../db/errors';
import { closeCase, openCase } from '../cases/service';
import { decide } from '../review/decisions';
import { parseWith, UsageError } from './io';
import type { Command } from './commands';

const str = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

function positiveInt(text: string, what: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) throw new UsageError(`${what}: "${text}" is not a message or conversation id`);
  return Number(text);
}

function selectorFrom(values: Readonly<Record<string, string | boolean | undefined>>): ReviewSelector {
  const ids = str(values.ids);
  const query = str(values.query);
  const conversation = str(values.conversation);
  const chosen = [ids !== undefined, query !== undefined, values.all === true, conversation !== undefined].filter(Boolean).length;
  if (chosen !== 1) throw new UsageError('choose exactly one of --ids, --query, --all or --conversation');
  if (ids !== undefined) return { kind: 'ids', ids: ids.split(',').map((id) => positiveInt(id, '--ids')) };
  if (query !== undefined) return { kind: 'search', query, filters: {} };
  if (conversation !== undefined) return { kind: 'conversation', conversationId: positiveInt(conversation, '--conversation') };
  return { kind: 'all' };
}

const describe = (r: DecideResult): string =>
  r.batchId === null
    ? `No change: all ${r.matched} selected message${r.matched === 1 ? '' : 's'} already had this decision.`
    : `Decided ${r.changed} of ${r.matched} selected message${r.matched === 1 ? '' : 's'}` +
      `${r.propagated ? `, and ${r.propagated} duplicate${r.propagated === 1 ? '' : 's'} held by other custodians` : ''} (batch ${r.batchId}).`;

export const reviewCommand: Command = {
  usage:
    'review <case> (--ids <id,...> | --query <q> | --all | --conversation <id>) [--classification <c>] [--relevance <r>] ' +
    '[--outcome <o>] [--rationale <text>] [--propagate]',
  options: {
    ids: { type: 'string' },
    query: { type: 'string' },
    all: { type: 'boolean' },
    conversation: { type: 'string' },
    classification: { type: 'string' },
    relevance: { type: 'string' },
    outcome: { type: 'string' },
    rationale: { type: 'string' },
    propagate: { type: 'boolean' },
  },
  async run({ positionals, values, json, actor }, io) {
    const [casePath, ...rest] = positionals;
    if (casePath === undefined) throw new UsageError('missing <case> path');
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const args = parseWith(DecideArgsSchema, {
      selector: selectorFrom(values),
      change: {
        classification: str(values.classification),
        relevance: str(values.relevance),
        outcome: str(values.outcome),
        rationale: str(values.rationale),
      },
      propagate: values.propagate === true,
    });
    const session = openCase(casePath);
    try {
      if (!session.writable) throw new ReadOnlyCaseError(session.path, 'decisions cannot be recorded');
      const result = decide(session.writable, args, actor);
      io.out(json ? JSON.stringify(result) : describe(result));
    } finally {
      closeCase(session);
    }
  },
};
