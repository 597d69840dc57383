import {
  DEFAULT_TIME_ZONE,
  dayInZone,
  startOfDayInZone,
  wallTimeInZone,
} from '../../../../contracts/time-zone';
import type { Deps } from '../../../deps';
import { inTransaction } from '../../../platform/bus/in-transaction';
import type { Permission, Role, StaffActor } from '../../../platform/http/actor';
import { loadConversation } from '../../conversations/queries';
import { storeMessage } from '../../conversations/store-message';
import type { DemoFirm } from '../seed-demo';

/**
 * What every part of the demo activity gets: the base firm, dependencies whose clock the part
 * moves into the past (so threads, texts and billable events carry realistic times), and actors.
 */
export interface DemoContext {
  demo: DemoFirm;
  /** The real dependencies, except that `clock` answers whatever `setTime` last set. */
  deps: Deps;
  /**
   * Moves the clock to `daysAgo` days before the demo's "today", at hh:mm on the firm's clocks (its
   * time zone; before 09:00 on day 0).
   */
  setTime(daysAgo: number, hhmm: string): Date;
  /** A signed-in-like actor for a demo user. */
  actor(user: keyof DemoFirm['userIds']): StaffActor;
  /** Stores a client's text in a conversation at the current clock, as an inbound SMS would. */
  clientText(conversationId: string, contactId: string, body: string): Promise<string>;
}

const roleOf: Record<keyof DemoFirm['userIds'], Role> = {
  admin: 'admin',
  attorney1: 'attorney',
  attorney2: 'attorney',
  agent1: 'agent',
  agent2: 'agent',
};

/** Builds the context; `now` is the moment the demo is seeded. */
export function demoContext(deps: Deps, demo: DemoFirm, now: Date): DemoContext {
  // Scripts place today's texts before 09:00 at the firm; seeded earlier than that, "today" is
  // yesterday, so nothing is dated in the future.
  const firmDay = dayInZone(now, DEFAULT_TIME_ZONE);
  const today =
    now < wallTimeInZone(firmDay, '09:00', DEFAULT_TIME_ZONE)
      ? dayInZone(startOfDayInZone(firmDay, DEFAULT_TIME_ZONE, -1), DEFAULT_TIME_ZONE)
      : firmDay;
  let current = now;
  const moved: Deps = { ...deps, clock: () => current };
  return {
    demo,
    deps: moved,
    setTime(daysAgo, hhmm) {
      current = wallTimeInZone(today, hhmm, DEFAULT_TIME_ZONE, -daysAgo);
      return current;
    },
    actor(user) {
      const permissions: Permission[] = user.startsWith('agent') ? ['message_center.use'] : [];
      return {
        kind: 'user',
        firmId: demo.firmId,
        userId: demo.userIds[user],
        role: roleOf[user],
        permissions,
        via: 'session',
      };
    },
    clientText(conversationId, contactId, body) {
      return inTransaction(moved, async (tx, events) => {
        const conversation = await loadConversation(tx, demo.firmId, conversationId);
        if (!conversation) throw new Error(`demo conversation ${conversationId} is missing`);
        const stored = await storeMessage(tx, moved, {
          conversation,
          author: { type: 'contact', id: contactId },
          body,
          source: 'sms',
        });
        events.push(...stored.events);
        return stored.message.id;
      });
    },
  };
}
