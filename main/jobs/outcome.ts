/** How a job ended, in the shape the features' `*.finished` events carry. */
import { JobFailedError } from './runner';

export type Outcome<Result> =
  | { readonly ok: true; readonly result: Result }
  | {
      readonly ok: false;
      readonly cancelled: boolean;
      readonly error: { readonly name: string; readonly message: string };
      readonly details: unknown;
    };

export async function outcomeOf<Result>(done: Promise<Result>): Promise<Outcome<Result>> {
  try {
    return { ok: true, result: await done };
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    const failed = err instanceof JobFailedError ? err : null;
    return {
      ok: false,
      cancelled: failed?.cancelled ?? false,
      error: { name: error.name, message: error.message },
      details: failed?.details,
    };
  }
}
