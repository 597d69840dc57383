import { randomUUID } from 'node:crypto';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { EventBus } from '../platform/bus/bus';
import { busEvent } from '../platform/bus/events';
import type { Db } from '../platform/db/client';
import { userPresence } from '../platform/db/schema';
import { describeError } from '../platform/log/describe-error';

/** How long a presence row counts without a refresh (features/internal-chat reads with the same TTL). */
export const PRESENCE_TTL_MS = 60_000;
/** Each process refreshes its rows this often, three times within the TTL. */
const REFRESH_MS = PRESENCE_TTL_MS / 3;

/** The gateway tells presence when a staff user's stream opens or closes on this process. */
export interface Presence {
  up(firmId: string, userId: string): void;
  down(firmId: string, userId: string): void;
  /** Writes what is pending and stops refreshing; the rows of this process lapse with the TTL or go now. */
  close(): Promise<void>;
}

interface Entry {
  firmId: string;
  userId: string;
  streams: number;
  since: Date;
}

/**
 * Who is online, shared by every process through the database: each process keeps one row per user
 * with open streams on it (user_presence), written in batches shortly after streams open or close
 * and refreshed on a timer. A user is online while any process has a fresh row, so several
 * processes (with REDIS_URL) agree, and a process that dies stops counting after the TTL. After
 * each write, presence.updated tells the firm's agents whether each changed user is still online
 * anywhere. Failures are logged and retried by the next write: presence never breaks a stream.
 */
export function createPresence(deps: { db: Db; bus: EventBus; log: Logger; clock: () => Date }): Presence {
  const processId = randomUUID();
  const entries = new Map<string, Entry>();
  const dirty = new Map<string, Entry>();
  let timer: NodeJS.Timeout | null = null;
  let writing: Promise<void> = Promise.resolve();

  const keyOf = (firmId: string, userId: string) => `${firmId}:${userId}`;

  async function write(batch: Entry[]) {
    const now = deps.clock();
    const up = batch.filter((e) => e.streams > 0);
    const down = batch.filter((e) => e.streams === 0);
    if (up.length > 0)
      await deps.db
        .insert(userPresence)
        .values(
          up.map((e) => ({ firmId: e.firmId, userId: e.userId, processId, since: e.since, seenAt: now })),
        )
        .onConflictDoUpdate({
          target: [userPresence.firmId, userPresence.userId, userPresence.processId],
          set: { seenAt: now },
        });
    for (const e of down)
      await deps.db
        .delete(userPresence)
        .where(
          and(
            eq(userPresence.firmId, e.firmId),
            eq(userPresence.userId, e.userId),
            eq(userPresence.processId, processId),
          ),
        );
    for (const firmId of new Set(batch.map((e) => e.firmId))) {
      const userIds = batch.filter((e) => e.firmId === firmId).map((e) => e.userId);
      const fresh = await deps.db
        .select({ userId: userPresence.userId, since: sql<string>`min(${userPresence.since})::text` })
        .from(userPresence)
        .where(
          and(
            eq(userPresence.firmId, firmId),
            inArray(userPresence.userId, userIds),
            gt(userPresence.seenAt, new Date(now.getTime() - PRESENCE_TTL_MS)),
          ),
        )
        .groupBy(userPresence.userId);
      const online = new Map(fresh.map((r) => [r.userId, new Date(r.since).toISOString()]));
      for (const userId of userIds)
        deps.bus.publish(
          busEvent(
            'presence.updated',
            firmId,
            { permission: 'message_center.use' },
            { userId, online: online.has(userId), since: online.get(userId) ?? null },
          ),
        );
    }
  }

  function flush() {
    timer = null;
    const batch = [...dirty.values()].map((e) => ({ ...e }));
    dirty.clear();
    writing = writing
      .then(() => write(batch))
      .catch((error) => {
        deps.log.warn({ err: describeError(error) }, 'presence write failed');
        for (const e of batch)
          if (!dirty.has(keyOf(e.firmId, e.userId))) dirty.set(keyOf(e.firmId, e.userId), e);
      });
  }

  function touch(entry: Entry) {
    dirty.set(keyOf(entry.firmId, entry.userId), entry);
    // A short delay gathers the streams that open together (a reload, a restart) into one write.
    timer ??= setTimeout(flush, 50);
  }

  const refresh = setInterval(() => {
    if (entries.size === 0) return;
    writing = writing
      .then(async () => {
        await deps.db
          .update(userPresence)
          .set({ seenAt: deps.clock() })
          .where(eq(userPresence.processId, processId));
      })
      .catch((error) => deps.log.warn({ err: describeError(error) }, 'presence refresh failed'));
  }, REFRESH_MS);
  refresh.unref();

  return {
    up(firmId, userId) {
      const key = keyOf(firmId, userId);
      const entry = entries.get(key) ?? { firmId, userId, streams: 0, since: deps.clock() };
      entry.streams += 1;
      entries.set(key, entry);
      if (entry.streams === 1) touch(entry);
    },
    down(firmId, userId) {
      const key = keyOf(firmId, userId);
      const entry = entries.get(key);
      if (!entry) return;
      entry.streams -= 1;
      if (entry.streams > 0) return;
      entries.delete(key);
      touch(entry);
    },
    async close() {
      clearInterval(refresh);
      if (timer) {
        clearTimeout(timer);
        flush();
      }
      await writing;
    },
  };
}
