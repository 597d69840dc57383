import { describe, expect, it } from 'vitest';
import { pgbenchLatencies } from './stats';

describe('pgbenchLatencies', () => {
  it('reads the latency column (µs) of every thread log and answers p50 and p99 in ms', () => {
    // client_id transaction_no time script_no time_epoch time_us schedule_lag
    const thread0 = Array.from({ length: 50 }, (_, i) => `0 ${i} ${1000 + i * 10} 0 1764730000 ${i} 12`).join(
      '\n',
    );
    const thread1 = Array.from({ length: 50 }, (_, i) => `1 ${i} ${1500 + i * 10} 0 1764730000 ${i} 9`).join(
      '\n',
    );
    const slow = '1 50 250000 0 1764730001 0 3\n';
    expect(pgbenchLatencies([thread0, `${thread1}\n${slow}`])).toEqual({ p50Ms: 1.5, p99Ms: 1.99 });
  });

  it('answers the tail a stalled commit leaves', () => {
    const log = Array.from({ length: 99 }, () => '0 0 800 0 0 0')
      .concat('0 0 250000 0 0 0')
      .join('\n');
    expect(pgbenchLatencies([log])).toEqual({ p50Ms: 0.8, p99Ms: 0.8 });
    expect(pgbenchLatencies([`${log}\n0 0 250000 0 0 0`])?.p99Ms).toBe(250);
  });

  it('answers null for empty logs', () => {
    expect(pgbenchLatencies(['', '\n'])).toBeNull();
  });
});
