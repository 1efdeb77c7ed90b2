/**
 * The redaction channels over main/redact. Writes go through `deps.writable(why)`, so a case opened
 * read-only refuses with the reason; the services refuse a custodian check pack.
 */
import type { HandlerDeps, Handlers } from '../handlers';
import type { redactionChannels } from '../../common/contract/channels/redaction';
import { countMessagesInScope } from '../../db/queries/redaction';
import { listFileNameRedactions, redactFileName, removeFileNameRedaction } from '../redact/file-names';
import { listLabelRedactions, redactLabel, removeLabelRedaction } from '../redact/labels';
import { addName, listNames, removeName } from '../redact/names';
import { previewOccurrences } from '../redact/occurrences';
import { addReason, lastUsedReason, listReasons, updateReason } from '../redact/reasons';
import { addRedaction, listRedactions, removeRedactions } from '../redact/redactions';
import { findSuggestions } from '../redact/suggest';
import { applySweep, isStale } from '../redact/sweep';
import { sweepJobs } from '../redact/sweep-jobs';

export function redactionHandlers(deps: HandlerDeps): Pick<Handlers, keyof typeof redactionChannels> {
  const actor = (): string => deps.host.actor;
  const read = () => deps.current().db;
  const sweeps = sweepJobs(deps.host.emit, (result) => isStale(read(), result), deps.jobs);
  deps.onCaseClosing(() => sweeps.cancelAll());
  return {
    'redactions.list': async (args) => listRedactions(read(), args),
    'redactions.add': async (args) => addRedaction(deps.writable('redactions cannot be added'), args, actor()),
    'redactions.remove': async ({ ids }) => removeRedactions(deps.writable('redactions cannot be removed'), ids, actor()),
    'reasons.list': async () => listReasons(read()),
    'reasons.lastUsed': async () => lastUsedReason(read()),
    'reasons.update': async (args) => updateReason(deps.writable('reason labels cannot be changed'), args, actor()),
    'reasons.add': async (args) => addReason(deps.writable('reasons cannot be added'), args, actor()),
    'suggestions.find': async (args) => findSuggestions(read(), args),
    'occurrences.preview': async (args) => previewOccurrences(read(), args),
    'sweeps.start': async (request) => {
      const open = deps.current();
      return { jobId: sweeps.start(open.path, request), total: countMessagesInScope(open.db, request.scope) };
    },
    'sweeps.cancel': async ({ jobId }) => {
      sweeps.cancel(jobId);
      return null;
    },
    'sweeps.status': async ({ jobId }) => sweeps.status(jobId),
    'sweeps.hits': async ({ jobId, offset, limit }) => sweeps.hits(jobId, offset, limit),
    'sweeps.apply': async ({ jobId, choice, reasonCode, note }) =>
      applySweep(deps.writable('redactions cannot be added'), sweeps.state(jobId), choice, reasonCode, note, actor()),
    'names.list': async () => listNames(read()),
    'names.add': async ({ name, note }) => addName(deps.writable('names cannot be added'), name, note, actor()),
    'names.remove': async ({ id }) => removeName(deps.writable('names cannot be removed'), id, actor()),
    'labels.list': async () => listLabelRedactions(read()),
    'labels.redact': async (args) => redactLabel(deps.writable('labels cannot be redacted'), args, actor()),
    'labels.remove': async ({ id }) => removeLabelRedaction(deps.writable('label redactions cannot be removed'), id, actor()),
    'fileNames.list': async () => listFileNameRedactions(read()),
    'fileNames.redact': async (args) => redactFileName(deps.writable('file names cannot be redacted'), args, actor()),
    'fileNames.remove': async ({ id }) => removeFileNameRedaction(deps.writable('file name redactions cannot be removed'), id, actor()),
  };
}
