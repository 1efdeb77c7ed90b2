/**
 * One cancellation token and one cancelled error for every long job (as VS Code has): a job checks
 * `token.isCancellationRequested` between units of work and throws CancelledError, after which the
 * job's own transaction rolls back, so "cancelled" always means "nothing was changed".
 */
export interface CancellationToken {
  readonly isCancellationRequested: boolean;
}

export const NEVER_CANCELLED: CancellationToken = Object.freeze({ isCancellationRequested: false });

export class CancellationTokenSource {
  readonly #state = { requested: false };
  readonly token: CancellationToken;

  constructor() {
    const state = this.#state;
    this.token = {
      get isCancellationRequested() {
        return state.requested;
      },
    };
  }

  cancel(): void {
    this.#state.requested = true;
  }
}

export class CancelledError extends Error {
  /** `what` names the work in the user's words: "Import of chat.zip", "The export". */
  constructor(what: string, detail = 'Nothing was changed.') {
    super(`${what} was cancelled. ${detail}`);
    this.name = 'CancelledError';
  }
}

export const isCancelled = (err: unknown): err is CancelledError => err instanceof Error && err.name === 'CancelledError';

export function throwIfCancelled(token: CancellationToken | undefined, what: string): void {
  if (token?.isCancellationRequested) throw new CancelledError(what);
}
