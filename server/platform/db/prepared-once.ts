import type { Executor } from './client';

/** What a Drizzle prepared query offers: its statement run with the placeholders' values. */
interface Runnable {
  execute(values?: Record<string, unknown>): Promise<unknown>;
}

/** The part of Drizzle's executors the copy below needs: the session holds the connection and the logger. */
interface SessionOf {
  _: { session: { client: unknown; logger: unknown } };
}

/**
 * A statement of the message path whose SQL Drizzle builds once per process, run on whichever
 * executor a call has: the database or a transaction, on either engine. Building a statement costs
 * the ORM more than PostgreSQL spends running it (a third of the server's CPU in S1 went to building
 * SQL, issue 11), and the message path's statements are built from a few choices only.
 *
 * `build` makes a Drizzle prepared query (values as `sql.placeholder`s, one fixed name) on the
 * executor it is given; only its SQL and result mapping are kept. Drizzle binds a prepared query to
 * the session it was built on and has no way to run it in another; both of its drivers keep the
 * connection and the statement logger in the query's `client` and `logger`, so each call runs a
 * copy holding the executor's own. The kept part holds no connection, so one per process is shared
 * by every database the process opens, the way a constant would be.
 */
export function preparedOnce<P extends Runnable>(build: (ex: Executor) => P): (ex: Executor) => P {
  let built: P | undefined;
  return (ex) => {
    built ??= build(ex);
    const { client, logger } = (ex as unknown as SessionOf)._.session;
    return Object.assign(Object.create(built) as P, { client, logger });
  };
}
