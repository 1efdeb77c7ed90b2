/**
 * The contract's implementation over the domain services. Arguments arrive already parsed by
 * `dispatch.ts`; nothing here knows which transport carried them.
 */
import type { ArgsOf, Channel, ResultOf } from '../preload/contract';
import { forgetRecent, listRecent, rememberRecent } from './cases/recent';
import { caseCounts, caseInfo, closeCase, createCase, openCase, type CaseSession } from './cases/service';
import type { HostContext } from './context';

export type Handlers = { [C in Channel]: (args: ArgsOf<C>) => Promise<ResultOf<C>> };

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

export function createHandlers(host: HostContext): HandlerSet {
  let session: CaseSession | null = null;
  const who = { actor: host.actor, appVersion: host.appVersion };

  const current = (): CaseSession => {
    if (!session) throw new NoCaseOpenError();
    return session;
  };
  const replace = (next: CaseSession): void => {
    if (session) closeCase(session);
    session = next;
    rememberRecent(host.settingsDir, { path: next.path, name: next.meta.name, openedAt: Date.now() });
  };

  const handlers: Handlers = {
    'app.info': async () => ({
      version: host.appVersion,
      shell: host.shell,
      nativeDialogs: host.dialogs.native,
      defaultCaseFolder: host.defaultCaseFolder,
      user: host.actor,
    }),
    'case.create': async ({ path, ...details }) => {
      const created = createCase(path, details, who);
      replace(created);
      return caseInfo(created);
    },
    'case.open': async ({ path }) => {
      const opened = openCase(path);
      replace(opened);
      return caseInfo(opened);
    },
    'case.close': async () => {
      if (session) closeCase(session);
      session = null;
      return null;
    },
    'case.current': async () => (session ? caseInfo(session) : null),
    'case.recent': async () => listRecent(host.settingsDir),
    'case.forgetRecent': async ({ path }) => forgetRecent(host.settingsDir, path),
    'case.summary': async () => {
      const open = current();
      return { info: caseInfo(open), counts: caseCounts(open) };
    },
    'dialog.chooseCasePath': async ({ purpose, suggestedName }) => ({
      path: await host.dialogs.chooseCasePath(purpose, suggestedName),
    }),
  };

  return {
    handlers,
    dispose: () => {
      if (session) closeCase(session);
      session = null;
    },
  };
}
