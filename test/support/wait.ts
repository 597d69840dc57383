/**
 * Polls `probe` until it returns something other than `undefined` or `false`, and returns that. Tests wait
 * for a state this way, never for a fixed time: on a busy machine the relay, the bus and the providers work
 * in the background for as long as they take. Fails after `timeout` ms, naming `what` it waited for.
 */
export async function waitFor<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  { timeout = 20_000, interval = 25 }: { timeout?: number; interval?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}
