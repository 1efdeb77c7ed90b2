/**
 * `disclosure-desk review`: one decision applied to a selection, exactly as the Review screen's bulk
 * action does it (same schema, same service, one batch, one audit entry). Layered like it too:
 * messages with an individual decision on a field the change would alter are skipped and counted,
 * unless `--overwrite`; messages whose live redactions forbid the outcome are always skipped.
 */
import { DecideArgsSchema, type DecideResult, type KeptGroup, type ReviewSelector } from '../../common/contract/channels/review';
import { ReadOnlyCaseError } from '../../db/errors';
import { closeCase, openCase } from '../cases/service';
import { decide } from '../review/decisions';
import { NothingToOverwriteError } from '../review/errors';
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

const messages = (n: number): string => `${n} message${n === 1 ? '' : 's'}`;

/** "outcome withhold", "an Article 8 assessment", "live span redactions". */
function groupWords(group: KeptGroup): string {
  switch (group.reason) {
    case 'redactions':
      return `live ${group.value === 'whole' ? 'whole-item' : 'span'} redactions`;
    case 'article8':
      return 'an individual Article 8 assessment';
    case 'rationale':
      return 'an individual rationale';
    default:
      return `${group.reason} ${group.value ?? ''} decided individually`;
  }
}

function describe(r: DecideResult): string {
  const kept = r.kept + r.heldByRedactions;
  const decided =
    r.batchId === null
      ? kept === 0
        ? `No change: all ${r.matched} selected message${r.matched === 1 ? '' : 's'} already had this decision.`
        : `No change: none of the ${messages(r.matched)} selected was changed.`
      : `Decided ${r.changed} of ${r.matched} selected message${r.matched === 1 ? '' : 's'}` +
        `${r.propagated ? `, and ${r.propagated} duplicate${r.propagated === 1 ? '' : 's'} held by other custodians` : ''}` +
        `${r.overwritten ? `, overwriting ${r.overwritten} individual decision${r.overwritten === 1 ? '' : 's'}` : ''} (batch ${r.batchId}).`;
  if (kept === 0) return decided;
  const groups = r.keptGroups.map((g) => `${g.count} with ${groupWords(g)}`).join('; ');
  const hint = r.kept > 0 ? ` Add --overwrite to change the ${r.kept} individually decided too.` : '';
  return `${decided}\nKept ${messages(kept)} as ${kept === 1 ? 'it was' : 'they were'}: ${groups}.${hint}`;
}

export const reviewCommand: Command = {
  usage:
    'review <case> (--ids <id,...> | --query <q> | --all | --conversation <id>) [--classification <c>] [--relevance <r>] ' +
    '[--outcome <o>] [--rationale <text>] [--propagate] [--overwrite]',
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
    overwrite: { type: 'boolean' },
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
      overwrite: values.overwrite === true,
    });
    const session = openCase(casePath);
    try {
      if (!session.writable) throw new ReadOnlyCaseError(session.path, 'decisions cannot be recorded');
      let result: DecideResult;
      try {
        result = decide(session.writable, args, actor);
      } catch (err) {
        // A flag that asks for something the selection does not hold is wrong usage, not a failure.
        if (err instanceof NothingToOverwriteError) throw new UsageError(err.message);
        throw err;
      }
      io.out(json ? JSON.stringify(result) : describe(result));
    } finally {
      closeCase(session);
    }
  },
};
