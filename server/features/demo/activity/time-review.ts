import { and, asc, eq, lt } from 'drizzle-orm';
import { billableEvents } from '../../../platform/db/schema';
import { convertBillableEvents } from '../../time-capture/convert-billable-events';
import { updateBillableEvent } from '../../time-capture/update-billable-event';
import type { DemoContext } from './context';

/**
 * The attorneys reviewed their time last week: events older than a week became time entries,
 * except one Blair dismissed as not billable; this week's stay open for review.
 */
export async function seedTimeReview(ctx: DemoContext): Promise<void> {
  const lastWeek = ctx.setTime(7, '09:00');
  const { firmId, userIds } = ctx.demo;
  for (const user of ['attorney1', 'attorney2'] as const) {
    const old = await ctx.deps.db
      .select({ id: billableEvents.id })
      .from(billableEvents)
      .where(
        and(
          eq(billableEvents.firmId, firmId),
          eq(billableEvents.userId, userIds[user]),
          eq(billableEvents.status, 'open'),
          lt(billableEvents.startedAt, lastWeek),
        ),
      )
      .orderBy(asc(billableEvents.startedAt));
    const ids = old.map((e) => e.id);
    if (user === 'attorney2' && ids.length > 1) {
      const dismissed = ids.pop() as string;
      await updateBillableEvent(ctx.deps, {
        actor: ctx.actor(user),
        eventId: dismissed,
        patch: { status: 'dismissed' },
      });
    }
    if (ids.length > 0) await convertBillableEvents(ctx.deps, { actor: ctx.actor(user), ids });
  }
}
