/** How retries of a failed job are spaced. */
export interface BackoffPolicy {
  /** Delay after the first failure, in milliseconds. */
  baseMs: number;
  /** No delay grows beyond this. */
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, maxMs: 15 * 60_000 };

/**
 * Delay before the next attempt after `attempt` failed ones: exponential, capped, with "equal
 * jitter" (uniform between half and all of it) so jobs that failed together do not retry together.
 */
export function retryDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
