/**
 * Retries `assertion` until it passes (returns without throwing) or `timeoutMs` runs out, then
 * rethrows its last failure. For waiting on asynchronous outcomes without timed assertions.
 */
export async function eventually<T>(
  assertion: () => T | Promise<T>,
  timeoutMs = 10_000,
  intervalMs = 10,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A promise with its resolve function, to hold a handler until the test lets it go. */
export function deferred<T = void>(): {
  readonly promise: Promise<T>;
  readonly resolve: (value: T) => void;
} {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets the event loop turn `turns` times (for checks that something has NOT happened yet). */
export async function turns(turnsCount = 5): Promise<void> {
  for (let i = 0; i < turnsCount; i++) await new Promise((resolve) => setImmediate(resolve));
}
