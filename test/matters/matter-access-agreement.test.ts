import { and, eq, inArray } from 'drizzle-orm';
import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canViewMatter, loadVisibleMatter, visibleMatters } from '../../server/features/matters/access';
import type { Database } from '../../server/platform/db/client';
import { matterAssignees, matters } from '../../server/platform/db/schema';
import { permissions, roles, type StaffActor } from '../../server/platform/http/actor';
import { Problem } from '../../server/platform/http/problem';
import { cloneDatabase } from '../support/app';

// Who sees a matter is written twice: canViewMatter (use cases) and visibleMatters (the list's SQL).
// Random actors meet random matters in a real database, and both must agree, as must the loader.

const generatedMatter = fc.record({
  ownFirm: fc.oneof(
    { weight: 4, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  owner: fc.boolean(),
  assigned: fc.boolean(),
  otherAssignees: fc.integer({ min: 0, max: 2 }),
});

const scenario = fc.record({
  role: fc.constantFrom(...roles),
  permissions: fc.subarray([...permissions]),
  matters: fc.array(generatedMatter, { minLength: 1, maxLength: 6 }),
});

describe('matter access: canViewMatter, visibleMatters and loadVisibleMatter agree', () => {
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

  it('for random actors, permissions, owners and assignees', async () => {
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
        const made: { id: string; firmId: string; ownerId: string; assigneeIds: string[] }[] = [];
        for (const m of s.matters) {
          const matterFirm = m.ownFirm ? firmId : otherFirmId;
          const id = uuidv7();
          const ownerId = m.owner ? actor.userId : uuidv7();
          const assigneeIds = Array.from({ length: m.otherAssignees }, () => uuidv7());
          if (m.assigned) assigneeIds.push(actor.userId);
          await db.insert(matters).values({ firmId: matterFirm, id, number: id, name: 'Generated', ownerId });
          if (assigneeIds.length > 0)
            await db
              .insert(matterAssignees)
              .values(assigneeIds.map((userId) => ({ firmId: matterFirm, matterId: id, userId })));
          made.push({ id, firmId: matterFirm, ownerId, assigneeIds });
        }

        // As list-matters composes it: the firm, then who may see.
        const listed = await db
          .select({ id: matters.id })
          .from(matters)
          .where(
            and(
              eq(matters.firmId, actor.firmId),
              visibleMatters(actor),
              inArray(
                matters.id,
                made.map((m) => m.id),
              ),
            ),
          );
        const bySql = new Set(listed.map((r) => r.id));
        for (const m of made) {
          const what = `matter of ${m.firmId === firmId ? 'the firm' : 'another firm'}, owner ${m.ownerId === actor.userId}, assigned ${m.assigneeIds.includes(actor.userId)}`;
          const pure = m.firmId === actor.firmId && canViewMatter(actor, m);
          expect(bySql.has(m.id), `SQL filter, ${what}`).toBe(pure);
          const loaded = await loadVisibleMatter(db, actor, m.id).then(
            () => true,
            (error: unknown) => {
              if (error instanceof Problem && error.status === 404) return false;
              throw error;
            },
          );
          expect(loaded, `loadVisibleMatter, ${what}`).toBe(pure);
        }
      }),
      { numRuns: 40 },
    );
  });
});
