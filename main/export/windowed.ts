/**
 * Work that runs on sharp's threads (decoding, encoding), started a few items ahead and finished in
 * order: the machine's cores are used, only `window` results are held at once, and what is written
 * (PDF objects, problems) comes out in the same order every time.
 */
type Settled<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/** How many items are in flight: sharp runs each on one of libuv's four threads. */
export const WINDOW = 4;

async function settled<R>(work: Promise<R>): Promise<Settled<R>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, error };
  }
}

/** `run` over `items` with at most `window` in flight; `done` sees each result in item order, and the first failure in order is thrown. */
export async function windowed<T, R>(
  items: Iterable<T>,
  run: (item: T) => Promise<R>,
  done: (item: T, result: R) => void | Promise<void>,
  window = WINDOW,
): Promise<void> {
  const flight: { item: T; result: Promise<Settled<R>> }[] = [];
  const settle = async (): Promise<void> => {
    const next = flight.shift()!;
    const result = await next.result;
    if (!result.ok) throw result.error;
    await done(next.item, result.value);
  };
  for (const item of items) {
    // Settled here, so a failure waiting its turn is never an unhandled rejection.
    flight.push({ item, result: settled(run(item)) });
    if (flight.length >= window) await settle();
  }
  while (flight.length > 0) await settle();
}
