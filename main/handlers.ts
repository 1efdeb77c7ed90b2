/**
 * The contract's implementation over the domain services. Arguments arrive already parsed by
 * `dispatch.ts`; nothing here knows which transport carried them.
 */
import { ReadOnlyCaseError } from '../db/errors';
import type { WritableDB } from '../db/connection';
import type { ArgsOf, Channel, ResultOf } from '../common/contract';
import { addCustodian, listConversations, listCustodians, listSources, sourceNotes } from './browse/sources';
import { timeline } from './browse/timeline';
import { forgetRecent, listRecent, rememberRecent } from './cases/recent';
import { reviewerState, type ReviewerState } from './cases/reviewer-setting';
import { caseCounts, caseInfo, closeCase, createCase, openCase, type CaseSession } from './cases/service';
import type { HostContext } from './context';
import { detect } from './import/detect';
import { redactionHandlers } from './handlers/redaction';
import { exportHandlers } from './handlers/export';
import { reviewHandlers } from './handlers/review';
import { attachmentReviewHandlers } from './handlers/attachment-review';
import { attachmentViewHandlers } from './handlers/attachment-view';
import { thumbnailHandlers } from './handlers/thumbnails';
import { imageRedactionHandlers } from './handlers/image-redaction';
import { auditHandlers } from './handlers/audit';
import { searchHandlers } from './handlers/search';
import { importJobs } from './import/jobs';
import { createJobs, type Jobs } from './jobs/jobs';
import { removeInterruptedExports, type InterruptedExport } from './export/interrupted';

export type Handlers = { [C in Channel]: (args: ArgsOf<C>) => Promise<ResultOf<C>> };

/** What a feature's handlers (main/handlers/*.ts) may use: the open case, and the host. */
export interface HandlerDeps {
  readonly host: HostContext;
  /** The open case; throws NoCaseOpenError when none is. */
  readonly current: () => CaseSession;
  /** The open case's writable connection; throws ReadOnlyCaseError saying `why` it is needed. */
  readonly writable: (why: string) => WritableDB;
  /** Runs `listener` whenever the open case closes (closed, replaced, or the window going away). */
  readonly onCaseClosing: (listener: () => void) => void;
  /** The reviewer's name as stored in the settings; `host.actor` reads its current value. */
  readonly reviewer: ReviewerState;
  /** The window's long jobs: one id sequence, all cancelled when the case closes. */
  readonly jobs: Jobs;
  /** Unfinished export folders removed when the open case was opened (main/export/interrupted.ts). */
  readonly interruptedExports: () => readonly InterruptedExport[];
}

export class NoCaseOpenError extends Error {
  constructor() {
    super('No case is open. Create or open a case first.');
    this.name = 'NoCaseOpenError';
  }
}

export interface HandlerSet {
  readonly handlers: Handlers;
  /** Closes the open case (on window close or shutdown), folding its WAL back into the file. */
  readonly dispose: () => void;
}

export function createHandlers(given: HostContext): HandlerSet {
  let session: CaseSession | null = null;
  const reviewer = reviewerState(given.settingsDir, given.actor);
  // Every change records the reviewer's name as it is when the change is made (it can be changed
  // during a session), so `actor` is read through here, never copied at start-up.
  const host: HostContext = {
    ...given,
    get actor() {
      return reviewer.current();
    },
  };
  const who = () => ({ actor: host.actor, appVersion: host.appVersion });

  const jobs = createJobs();
  const imports = importJobs(host.emit, jobs);

  const current = (): CaseSession => {
    if (!session) throw new NoCaseOpenError();
    return session;
  };
  const writable = (why: string): WritableDB => {
    const open = current();
    if (!open.writable) throw new ReadOnlyCaseError(open.path, why);
    return open.writable;
  };
  let interrupted: readonly InterruptedExport[] = [];
  const closing: (() => void)[] = [];
  const close = (): void => {
    jobs.cancelAll();
    for (const listener of closing) listener();
    if (session) closeCase(session);
    session = null;
    interrupted = [];
  };
  const replace = (next: CaseSession): void => {
    close();
    session = next;
    rememberRecent(host.settingsDir, { path: next.path, name: next.meta.name, openedAt: Date.now() });
  };

  const deps: HandlerDeps = {
    host,
    current,
    writable,
    onCaseClosing: (listener) => closing.push(listener),
    reviewer,
    jobs,
    interruptedExports: () => interrupted,
  };
  const handlers: Handlers = {
    'app.info': async () => ({
      version: host.appVersion,
      shell: host.shell,
      nativeDialogs: host.dialogs.native,
      canOpenFolders: host.desktop !== null,
      defaultCaseFolder: host.defaultCaseFolder,
      user: host.actor,
    }),
    'case.create': async ({ path, ...details }) => {
      const created = createCase(path, details, who());
      replace(created);
      return caseInfo(created);
    },
    'case.open': async ({ path }) => {
      const opened = openCase(path);
      replace(opened);
      if (opened.writable) interrupted = removeInterruptedExports(opened.writable, host.actor);
      return caseInfo(opened);
    },
    'case.close': async () => {
      close();
      return null;
    },
    'case.current': async () => (session ? caseInfo(session) : null),
    'case.recent': async () => listRecent(host.settingsDir),
    'case.forgetRecent': async ({ path }) => forgetRecent(host.settingsDir, path),
    'case.summary': async () => {
      const open = current();
      return { info: caseInfo(open), counts: caseCounts(open) };
    },
    'custodians.list': async () => listCustodians(current().db),
    'custodians.add': async ({ name, role }) => {
      return addCustodian(writable('custodians cannot be added'), name, role, host.actor);
    },
    'sources.list': async () => listSources(current().db),
    'sources.notes': async ({ sourceId, limit, offset }) => sourceNotes(current().db, sourceId, limit, offset),
    'import.prepare': async () => {
      if (current().writable) jobs.warm();
      return null;
    },
    'import.detect': async ({ path }) => detect(path),
    'import.start': async (args) => {
      writable('nothing can be imported into it');
      const open = current();
      return { jobId: imports.start(open.path, host.actor, { ...args, timeZone: args.timeZone ?? open.meta.defaultTimeZone }) };
    },
    'job.cancel': async ({ jobId }) => {
      jobs.cancel(jobId);
      return null;
    },
    'conversations.list': async ({ sourceId }) => listConversations(current().db, sourceId ?? null),
    'messages.window': async ({ conversationId, from, count }) => timeline(current().db, conversationId, from, count),
    'dialog.chooseImportPaths': async ({ folders }) => ({ paths: await host.dialogs.chooseImportPaths(folders) }),
    'dialog.chooseCasePath': async ({ purpose, suggestedName }) => ({
      path: await host.dialogs.chooseCasePath(purpose, suggestedName),
    }),
    ...searchHandlers(deps),
    ...reviewHandlers(deps),
    ...attachmentReviewHandlers(deps),
    ...attachmentViewHandlers(deps),
    ...thumbnailHandlers(deps),
    ...imageRedactionHandlers(deps),
    ...redactionHandlers(deps),
    ...exportHandlers(deps),
    ...auditHandlers(deps),
  };

  return {
    handlers,
    dispose: () => {
      close();
      jobs.dispose();
    },
  };
}
