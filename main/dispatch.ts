/**
 * The single entry point for calls from the renderer, whatever the transport: the channel must be in
 * the contract, the payload must parse against its schema, and the result must parse against its
 * schema too (so a handler can never leak a field the contract does not declare).
 */
import { contract, isChannel, type Envelope } from '../common/contract';
import type { Handlers } from './handlers';
import { describeIssues } from './validation';

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Envelope<unknown>>;

export class InvalidPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidPayloadError';
  }
}

const failure = (err: unknown): Envelope<never> => {
  const error = err instanceof Error ? err : new Error(String(err));
  return { ok: false, error: { name: error.name, message: error.message } };
};

export function createDispatch(handlers: Handlers): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) return failure(new InvalidPayloadError(`unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}`));
    const spec = contract[channel];
    const parsed = spec.args.safeParse(payload ?? {});
    if (!parsed.success) return failure(new InvalidPayloadError(`${channel}: ${describeIssues(parsed.error)}`));
    try {
      const handler = handlers[channel] as (args: unknown) => Promise<unknown>;
      const value = spec.result.parse(await handler(parsed.data));
      return { ok: true, value };
    } catch (err) {
      return failure(err);
    }
  };
}
