/**
 * The review channels over main/review. Writes go through `deps.writable(why)`, so a case opened
 * read-only refuses with the reason; the services then refuse what a custodian check pack does not
 * allow (everything but flags.create) and, in a full case, flags.create.
 */
import type { HandlerDeps, Handlers } from '../handlers';
import type { reviewChannels } from '../../common/contract/channels/review';
import { caseObjective } from '../review/article8';
import { currentDecisions, history } from '../review/current';
import { decide, previewDecision } from '../review/decisions';
import { createFlag, listFlags, resolveFlags } from '../review/flags';
import { exportPack } from '../review/pack-export';
import { importPackFlags } from '../review/pack-import';
import { thisPack } from '../review/pack-info';
import { progress, reviewersProgress } from '../review/progress';
import { redo, undo, undoState } from '../review/undo';

export function reviewHandlers(deps: HandlerDeps): Pick<Handlers, keyof typeof reviewChannels> {
  const actor = (): string => deps.host.actor;
  const { appVersion } = deps.host;
  const read = () => deps.current().db;
  return {
    'review.decide': async (args) => decide(deps.writable('decisions cannot be recorded'), args, actor()),
    // The preview stages the decision in a transaction it rolls back, so it needs the case writable too.
    'review.preview': async (args) => previewDecision(deps.writable('decisions cannot be recorded'), args, actor()),
    'review.undo': async () => undo(deps.writable('nothing can be undone'), actor()),
    'review.redo': async () => redo(deps.writable('nothing can be redone'), actor()),
    'review.undoState': async () => undoState(read(), actor()),
    'review.history': async ({ messageId }) => history(read(), messageId),
    'review.get': async ({ messageIds }) => currentDecisions(read(), messageIds),
    'review.article8Defaults': async () => ({ objective: caseObjective(read()) }),
    'review.progress': async ({ custodianId }) => progress(read(), custodianId ?? null),
    'review.reviewers': async () => reviewersProgress(read()),
    'pack.export': async ({ custodianId, path }) =>
      // The pack export is audited in this case, so it needs the case writable too.
      exportPack(
        deps.writable('a custodian check pack cannot be exported from it (the export is recorded in the audit log)'),
        custodianId,
        path,
        {
          actor: actor(),
          appVersion,
        },
      ),
    'pack.importFlags': async ({ path }) => importPackFlags(deps.writable('custodian flags cannot be imported'), path, actor()),
    'pack.info': async () => {
      const pack = thisPack(read());
      return (
        pack && {
          packId: pack.packId,
          parentCaseId: pack.parentCaseId,
          custodianId: pack.custodianId,
          custodian: pack.custodian,
          exportedAt: pack.exportedAt,
          exportedBy: pack.exportedBy,
        }
      );
    },
    'flags.list': async (filter) => listFlags(read(), filter),
    'flags.resolve': async (args) => resolveFlags(deps.writable('flags cannot be resolved'), args, actor()),
    'flags.create': async ({ messageId, reason }) => createFlag(deps.writable('flags cannot be recorded'), messageId, reason, actor()),
  };
}
