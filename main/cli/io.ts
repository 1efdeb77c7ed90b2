import type { z } from 'zod';
import { describeIssues } from '../validation';
import { CancellationTokenSource, type CancellationToken } from '../../common/domain/cancellation';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Wrong usage: exit 2 with the usage line. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parses CLI values with the same schema the IPC contract uses, reporting problems as usage errors. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(describeIssues(parsed.error));
  return parsed.data;
}

/** Runs long work with Ctrl+C as its cancel: the work stops at its next check and changes nothing. */
export async function cancelOnInterrupt<T>(work: (token: CancellationToken) => Promise<T>): Promise<T> {
  const source = new CancellationTokenSource();
  const onInterrupt = (): void => source.cancel();
  process.once('SIGINT', onInterrupt);
  try {
    return await work(source.token);
  } finally {
    process.off('SIGINT', onInterrupt);
  }
}
