import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  OFFLINE_AFTER_ATTEMPTS,
  RECONNECT_BASE_MS,
  RECONNECT_MAX_MS,
  reconnectDelay,
  statusAfterClose,
  streamUrl,
} from './backoff';

describe('reconnectDelay', () => {
  it('stays between half the base and the growing ceiling, never above the maximum', () => {
    fc.assert(
      fc.property(fc.nat(60), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const delay = reconnectDelay(attempt, () => r);
        const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** attempt);
        expect(delay).toBeGreaterThanOrEqual(RECONNECT_BASE_MS / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }),
    );
  });

  it('grows with the attempts up to the cap', () => {
    const top = (attempt: number) => reconnectDelay(attempt, () => 0.999999);
    expect(top(0)).toBeLessThan(top(3));
    expect(top(3)).toBeLessThan(top(6));
    expect(top(20)).toBe(RECONNECT_MAX_MS);
  });
});

describe('statusAfterClose', () => {
  it('says reconnecting for the first failures, offline after that or when the browser is offline', () => {
    expect(statusAfterClose(0, true)).toBe('reconnecting');
    expect(statusAfterClose(OFFLINE_AFTER_ATTEMPTS - 1, true)).toBe('reconnecting');
    expect(statusAfterClose(OFFLINE_AFTER_ATTEMPTS, true)).toBe('offline');
    expect(statusAfterClose(0, false)).toBe('offline');
  });
});

describe('streamUrl', () => {
  it('uses wss on https pages and ws on http pages, on the page origin', () => {
    expect(streamUrl('/api/v1/stream', { protocol: 'https:', host: 'parley.example.com' })).toBe(
      'wss://parley.example.com/api/v1/stream',
    );
    expect(streamUrl('/api/v1/stream', { protocol: 'http:', host: '127.0.0.1:8080' })).toBe(
      'ws://127.0.0.1:8080/api/v1/stream',
    );
  });
});
