/**
 * Retries `assertion` until it passes or `timeoutMs` runs out, then rethrows its last failure:
 * waits on asynchronous outcomes without timed assertions.
 */
export async function eventually<T>(
  assertion: () => T | Promise<T>,
  timeoutMs = 8_000,
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
