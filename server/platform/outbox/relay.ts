import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { Db } from '../db/client';
import { describeError } from '../log/describe-error';
import { type BackoffPolicy, defaultBackoff, retryDelayMs } from './backoff';

/** One attempt at one outbox row, as a channel sees it. */
export interface OutboxJob {
  id: string;
  firmId: string;
  topic: string;
  /** The same on every attempt: the channel (or its provider) drops a second delivery with it. */
  idempotencyKey: string;
  payload: unknown;
  /** 1 on the first attempt. */
  attempt: number;
}

/**
 * The channel port: performs the side effect and resolves with what to record (e.g. the provider's
 * message id), or throws to have the job retried. Must bound its own network calls with a timeout.
 */
export type ChannelSender = (job: OutboxJob) => Promise<unknown>;

/** Tuning of a relay; main.ts uses the defaults with OUTBOX_POLL_MS and OUTBOX_MAX_ATTEMPTS. */
export interface RelayOptions {
  /** How often to look for due jobs when nothing woke the relay. */
  pollMs: number;
  /** Jobs claimed (and sent concurrently) per round. */
  batchSize: number;
  /**
   * How long a claim holds: the claimer renews it every leaseMs/3 while the job is in flight, so
   * another worker takes a job over this long after its claimer died (or stopped renewing).
   */
  leaseMs: number;
  /** Attempts before a job is dead-lettered. */
  maxAttempts: number;
  backoff: BackoffPolicy;
}

/** The worker that drains the outbox; one per process, safe to run in many. */
export interface OutboxRelay {
  /** Routes a topic to its channel. */
  register(topic: string, sender: ChannelSender): void;
  /** Starts polling (and reacting to nudges). */
  start(): void;
  /**
   * Stops polling and waits for the current round, at most graceMs; after that its jobs are no
   * longer renewed, and another worker takes them over once their lease runs out.
   */
  stop(graceMs?: number): Promise<void>;
  /** Looks for due jobs now (called after a transaction that appended one commits). */
  nudge(): void;
  /** Claims, sends and records one batch; returns how many jobs it handled. */
  runOnce(): Promise<number>;
}

const defaults: RelayOptions = {
  pollMs: 500,
  batchSize: 100,
  leaseMs: 15_000,
  maxAttempts: 8,
  backoff: defaultBackoff,
};

/** Thrown by a sender to fail a job with a reason that is safe to store (no content, no numbers). */
export function sendFailure(reason: string, options: { permanent?: boolean } = {}): Error {
  return Object.assign(new Error(reason), {
    name: 'SendFailure',
    reason,
    permanent: options.permanent ?? false,
  });
}

type ClaimedRow = {
  firm_id: string;
  id: string;
  topic: string;
  payload: unknown;
  idempotency_key: string;
  attempts: number;
};

type Outcome =
  | { job: OutboxJob; ok: true; result: unknown }
  | { job: OutboxJob; ok: false; error: string; permanent: boolean };

// Error messages of providers may echo what was sent, so only the error's kind and code are kept.
function describeFailure(error: unknown): { error: string; permanent: boolean } {
  if (!(error instanceof Error)) return { error: 'non-error thrown', permanent: false };
  const { code, reason, permanent } = error as Error & {
    code?: unknown;
    reason?: unknown;
    permanent?: unknown;
  };
  const parts = [error.name];
  if (typeof code === 'string' || typeof code === 'number') parts.push(String(code));
  if (typeof reason === 'string') parts.push(reason);
  return { error: parts.join(': ').slice(0, 500), permanent: permanent === true };
}

function storable(result: unknown): unknown {
  try {
    return JSON.parse(JSON.stringify(result ?? null));
  } catch {
    return null;
  }
}

/**
 * Creates the relay: claims due rows with FOR UPDATE SKIP LOCKED (so workers never share a row),
 * leases them by pushing next_attempt_at past the lease and renews the lease while they are in
 * flight (a crashed worker's rows come back by themselves, a lease later), sends each through its
 * topic's channel, then records sent / retry / dead in one statement per outcome. Each renewal and
 * record is conditional on the attempt number it claimed, so a worker whose lease expired cannot
 * extend or overwrite the claim of the worker that took over.
 */
export function createOutboxRelay(
  deps: { db: Db; log: Logger; registry?: Registry },
  options: Partial<RelayOptions> = {},
): OutboxRelay {
  const o: RelayOptions = { ...defaults, ...options };
  const senders = new Map<string, ChannelSender>();
  const jobsTotal = deps.registry
    ? ((deps.registry.getSingleMetric('parley_outbox_jobs_total') as Counter<'topic' | 'outcome'>) ??
      new Counter({
        name: 'parley_outbox_jobs_total',
        help: 'Outbox job attempts by topic and outcome (sent, retry, dead)',
        labelNames: ['topic', 'outcome'] as const,
        registers: [deps.registry],
      }))
    : undefined;

  async function claim(): Promise<OutboxJob[]> {
    const claimed = await deps.db.execute<ClaimedRow>(sql`
      WITH due AS (
        SELECT firm_id, id FROM outbox
        WHERE status = 'pending' AND next_attempt_at <= now()
        ORDER BY next_attempt_at
        LIMIT ${o.batchSize}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE outbox AS o
      SET attempts = o.attempts + 1,
          locked_until = now() + ${o.leaseMs}::int * interval '1 millisecond',
          next_attempt_at = now() + ${o.leaseMs}::int * interval '1 millisecond'
      FROM due
      WHERE o.firm_id = due.firm_id AND o.id = due.id
      RETURNING o.firm_id, o.id, o.topic, o.payload, o.idempotency_key, o.attempts`);
    return claimed.rows.map((r) => ({
      id: r.id,
      firmId: r.firm_id,
      topic: r.topic,
      payload: r.payload,
      idempotencyKey: r.idempotency_key,
      attempt: Number(r.attempts),
    }));
  }

  async function send(job: OutboxJob): Promise<Outcome> {
    const sender = senders.get(job.topic);
    if (!sender) return { job, ok: false, error: 'no sender for topic', permanent: false };
    try {
      return { job, ok: true, result: await sender(job) };
    } catch (error) {
      return { job, ok: false, ...describeFailure(error) };
    }
  }

  // The claims this worker holds per round, renewed until their outcomes are recorded.
  const held = new Set<{ stop(): void }>();

  // A recorded outcome clears locked_until: a renewal that comes after it must not move a retry's backoff.
  async function renew(jobs: OutboxJob[]) {
    const rows = jobs.map((job) => ({ firm_id: job.firmId, id: job.id, attempt: job.attempt }));
    await deps.db.execute(sql`
      UPDATE outbox AS o
      SET locked_until = now() + ${o.leaseMs}::int * interval '1 millisecond',
          next_attempt_at = now() + ${o.leaseMs}::int * interval '1 millisecond'
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(firm_id uuid, id uuid, attempt int)
      WHERE o.firm_id = v.firm_id AND o.id = v.id AND o.status = 'pending' AND o.attempts = v.attempt
        AND o.locked_until IS NOT NULL`);
  }

  /** Renews the lease of jobs every leaseMs/3 until stop(); a failed renewal is retried the next time. */
  function holdLease(jobs: OutboxJob[]) {
    let renewal: NodeJS.Timeout | undefined;
    const lease = {
      stop() {
        clearTimeout(renewal);
        held.delete(lease);
      },
    };
    const next = () => {
      renewal = setTimeout(async () => {
        try {
          await renew(jobs);
        } catch (error) {
          deps.log.warn({ err: describeError(error) }, 'outbox lease renewal failed');
        }
        if (held.has(lease)) next();
      }, o.leaseMs / 3);
      renewal.unref();
    };
    held.add(lease);
    next();
    return lease;
  }

  async function recordSent(outcomes: Extract<Outcome, { ok: true }>[]) {
    if (outcomes.length === 0) return;
    const rows = outcomes.map(({ job, result }) => ({
      firm_id: job.firmId,
      id: job.id,
      attempt: job.attempt,
      result: storable(result),
    }));
    await deps.db.execute(sql`
      UPDATE outbox AS o
      SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL, result = v.result
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(firm_id uuid, id uuid, attempt int, result jsonb)
      WHERE o.firm_id = v.firm_id AND o.id = v.id AND o.status = 'pending' AND o.attempts = v.attempt`);
  }

  async function recordFailed(outcomes: Extract<Outcome, { ok: false }>[]) {
    if (outcomes.length === 0) return;
    const rows = outcomes.map(({ job, error, permanent }) => ({
      firm_id: job.firmId,
      id: job.id,
      attempt: job.attempt,
      error,
      dead: permanent || job.attempt >= o.maxAttempts,
      delay_ms: retryDelayMs(job.attempt, o.backoff),
    }));
    await deps.db.execute(sql`
      UPDATE outbox AS o
      SET status = CASE WHEN v.dead THEN 'dead' ELSE 'pending' END,
          last_error = v.error,
          locked_until = NULL,
          next_attempt_at = now() + v.delay_ms * interval '1 millisecond'
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        AS v(firm_id uuid, id uuid, attempt int, error text, dead boolean, delay_ms int)
      WHERE o.firm_id = v.firm_id AND o.id = v.id AND o.status = 'pending' AND o.attempts = v.attempt`);
    for (const row of rows) {
      if (row.dead)
        deps.log.warn({ outboxId: row.id, attempts: row.attempt, error: row.error }, 'outbox job dead');
    }
  }

  async function runOnce(): Promise<number> {
    const jobs = await claim();
    if (jobs.length === 0) return 0;
    const lease = holdLease(jobs);
    let outcomes: Outcome[];
    try {
      outcomes = await Promise.all(jobs.map(send));
      const sent = outcomes.filter((x): x is Extract<Outcome, { ok: true }> => x.ok);
      const failed = outcomes.filter((x): x is Extract<Outcome, { ok: false }> => !x.ok);
      await Promise.all([recordSent(sent), recordFailed(failed)]);
    } finally {
      lease.stop();
    }
    for (const x of outcomes) {
      const outcome = x.ok ? 'sent' : x.permanent || x.job.attempt >= o.maxAttempts ? 'dead' : 'retry';
      jobsTotal?.inc({ topic: x.job.topic, outcome });
    }
    return jobs.length;
  }

  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<number> | undefined;
  let wokenDuringRound = false;

  function schedule(ms: number) {
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
    timer.unref();
  }

  async function tick() {
    timer = undefined;
    if (stopped || round) return;
    round = runOnce().catch((error) => {
      deps.log.error({ err: describeError(error) }, 'outbox relay round failed');
      return 0;
    });
    const handled = await round;
    round = undefined;
    if (stopped) return;
    // A full batch means more are probably due: go again at once instead of waiting a poll.
    const again = handled >= o.batchSize || wokenDuringRound;
    wokenDuringRound = false;
    schedule(again ? 0 : o.pollMs);
  }

  return {
    register(topic, sender) {
      senders.set(topic, sender);
    },
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop(graceMs = 10_000) {
      stopped = true;
      clearTimeout(timer);
      if (round) {
        let grace: NodeJS.Timeout | undefined;
        await Promise.race([round, new Promise((resolve) => (grace = setTimeout(resolve, graceMs)))]);
        clearTimeout(grace);
      }
      // What is still in flight is abandoned: another worker takes it over once its lease runs out.
      for (const lease of held) lease.stop();
    },
    nudge() {
      if (stopped) return;
      if (round) wokenDuringRound = true;
      else schedule(0);
    },
    runOnce,
  };
}
