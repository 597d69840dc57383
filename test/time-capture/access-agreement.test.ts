import { and, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  canWorkOnTime,
  loadWorkableEvent,
  timeAudience,
  visibleTime,
} from '../../server/features/time-capture/access';
import type { Database } from '../../server/platform/db/client';
import { billableEvents, timeEntries, users } from '../../server/platform/db/schema';
import { permissions, roles, type StaffActor } from '../../server/platform/http/actor';
import { Problem } from '../../server/platform/http/problem';
import { cloneDatabase } from '../support/app';
import { reachesStaff } from '../support/audience';

// The time access module states once who sees a timekeeper's time and derives three forms from it:
// the pure check of the use cases, the SQL filter of the lists and exports (of billable events,
// time entries and timekeepers alike) and the audience of real-time events. Here random actors
// meet random time in a real database, and every form must give the same answer (the loader, built
// on the pure check, is held to it too).

const generatedTime = fc.record({
  keeper: fc.constantFrom('actor', 'colleague'),
  // Now and then the time is another firm's, whoever keeps it there.
  ownFirm: fc.oneof(
    { weight: 4, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  status: fc.constantFrom('open', 'converted', 'dismissed'),
});

const scenario = fc.record({
  role: fc.constantFrom(...roles),
  permissions: fc.subarray([...permissions]),
  time: fc.array(generatedTime, { minLength: 1, maxLength: 6 }),
});

describe('time access: pure check, SQL filter and audience agree', () => {
  let database: Database;
  let drop: () => Promise<void>;
  let firmId: string;
  const otherFirmId = uuidv7();

  beforeAll(async () => {
    ({ database, drop } = await cloneDatabase());
    const [firm] = await database.query<{ id: string }>('select id from firms order by id limit 1');
    firmId = firm?.id as string;
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('for random actors, timekeepers, firms and permissions', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const db = database.db;
        const actor: StaffActor = {
          kind: 'user',
          firmId,
          userId: uuidv7(),
          role: s.role,
          permissions: s.permissions,
          via: 'session',
        };
        const colleague = uuidv7();
        await db.insert(users).values(
          [actor.userId, colleague].map((id) => ({
            firmId,
            id,
            email: `${id}@time-access.parley.test`,
            name: 'Generated Timekeeper',
            role: 'attorney',
            passwordHash: 'not used',
          })),
        );

        const rows = [];
        for (const time of s.time) {
          const at = new Date();
          const event = {
            firmId: time.ownFirm ? firmId : otherFirmId,
            id: uuidv7(),
            userId: time.keeper === 'actor' ? actor.userId : colleague,
            matterId: uuidv7(),
            source: 'call',
            status: time.status,
            startedAt: at,
            endedAt: at,
            durationSeconds: 60,
            description: 'Generated',
            summary: 'Generated',
          };
          await db.insert(billableEvents).values(event);
          await db.insert(timeEntries).values({
            firmId: event.firmId,
            id: event.id,
            userId: event.userId,
            matterId: event.matterId,
            billableEventId: event.id,
            source: 'call',
            workDate: at.toISOString().slice(0, 10),
            billedMinutes: 6,
            rateCents: 0,
            amountCents: 0,
            narrative: 'Generated',
            createdBy: event.userId,
          });
          rows.push(event);
        }

        const ids = rows.map((r) => r.id);
        const visibleEvents = await db
          .select({ id: billableEvents.id })
          .from(billableEvents)
          .where(and(visibleTime(actor, billableEvents), inArray(billableEvents.id, ids)));
        const visibleEntries = await db
          .select({ id: timeEntries.id })
          .from(timeEntries)
          .where(and(visibleTime(actor, timeEntries), inArray(timeEntries.id, ids)));
        const visibleKeepers = await db
          .select({ id: users.id })
          .from(users)
          .where(
            and(
              visibleTime(actor, { firmId: users.firmId, userId: users.id }),
              inArray(users.id, [actor.userId, colleague]),
            ),
          );
        const events = new Set(visibleEvents.map((r) => r.id));
        const entries = new Set(visibleEntries.map((r) => r.id));
        const keepers = new Set(visibleKeepers.map((r) => r.id));

        for (const row of rows) {
          const what = `${row.userId === actor.userId ? 'own' : 'a colleague’s'} ${row.status} time of ${row.firmId === firmId ? 'the firm' : 'another firm'}`;
          // Another firm's time is out of reach whatever the rule says: every form is firm-scoped.
          const pure = row.firmId === actor.firmId && canWorkOnTime(actor, row);
          expect(events.has(row.id), `SQL filter of events, ${what}`).toBe(pure);
          expect(entries.has(row.id), `SQL filter of entries, ${what}`).toBe(pure);
          // The gateway delivers an event only to sockets of the event's firm.
          const reached = row.firmId === actor.firmId && reachesStaff(timeAudience(row.userId), actor);
          expect(reached, `audience, ${what}`).toBe(pure);
          const loaded = await loadWorkableEvent(db, actor, row.id).catch((error: unknown) => {
            if (error instanceof Problem && error.status === 404) return null;
            throw error;
          });
          expect(loaded !== null, `loadWorkableEvent, ${what}`).toBe(pure);
        }
        for (const userId of [actor.userId, colleague])
          expect(
            keepers.has(userId),
            `SQL filter of timekeepers, ${userId === actor.userId ? 'self' : 'colleague'}`,
          ).toBe(canWorkOnTime(actor, { userId }));
      }),
      { numRuns: 40 },
    );
  });
});
