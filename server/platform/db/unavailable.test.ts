import { DrizzleQueryError } from 'drizzle-orm/errors';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable';

const sqlState = (code: string) =>
  Object.assign(new pg.DatabaseError('server said no', 0, 'error'), { code });
const system = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
const failedQuery = (cause: unknown) => new DrizzleQueryError('select 1', [], cause as Error);

describe('isDatabaseUnavailable', () => {
  it('is true for a terminated backend, a server starting or shutting down, and connection exceptions', () => {
    for (const code of ['57P01', '57P02', '57P03', '53300', '08006', '08003', '08001'])
      expect(isDatabaseUnavailable(failedQuery(sqlState(code))), code).toBe(true);
  });

  it('is true for a refused, reset or timed-out socket and for a lost or closed client', () => {
    for (const error of [
      system('ECONNREFUSED'),
      system('ECONNRESET'),
      system('ETIMEDOUT'),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated'),
      new Error('Client was closed and is not queryable'),
      new Error('Client has encountered a connection error and is not queryable'),
      new Error('timeout exceeded when trying to connect'),
    ])
      expect(isDatabaseUnavailable(failedQuery(error)), error.message).toBe(true);
  });

  it('is false for a failed query, a constraint violation and anything that is not an error', () => {
    for (const error of [
      failedQuery(sqlState('23505')),
      failedQuery(sqlState('42P01')),
      sqlState('40001'),
      new Error('boom'),
      'ECONNREFUSED',
      undefined,
    ])
      expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
