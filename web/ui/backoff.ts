/** How the live connection is doing, as the connection indicator shows it. */
export type StreamStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

/** Base and ceiling of the reconnect delay, in milliseconds. */
export const RECONNECT_BASE_MS = 500;
export const RECONNECT_MAX_MS = 30_000;
/** After this many failed attempts in a row the indicator says offline (it keeps retrying). */
export const OFFLINE_AFTER_ATTEMPTS = 3;

/**
 * Delay before reconnect attempt number `attempt` (0-based): exponential with full jitter, so that
 * every tab of a firm does not reconnect in the same instant after a server restart.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(RECONNECT_BASE_MS / 2 + random() * (ceiling - RECONNECT_BASE_MS / 2));
}

/** The status to show after a socket closed, given failed attempts so far and the browser's own view. */
export function statusAfterClose(failedAttempts: number, browserOnline: boolean): StreamStatus {
  if (!browserOnline || failedAttempts >= OFFLINE_AFTER_ATTEMPTS) return 'offline';
  return 'reconnecting';
}

/** The ws:// or wss:// address of a stream path on the page's own origin. */
export function streamUrl(path: string, location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;
}
