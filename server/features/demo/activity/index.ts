import type { Deps } from '../../../deps';
import type { DemoFirm } from '../seed-demo';
import { demoContext } from './context';
import { seedMessageCenterActivity } from './message-center';
import { seedSecureInviteActivity } from './message-center-secure-invite';
import { seedSecureChatHistory } from './secure-chat-history';
import { seedThirdMatter } from './third-matter';
import { seedTimeReview } from './time-review';
import { seedTransferActivity } from './transfers';

/**
 * Weeks of use on top of the demo firm, so a newcomer's first look shows a firm at work: a third
 * matter, secure chats with history, notifications, billable events in every state and time
 * entries. Each area is one file; add a part by writing its file and calling it here, in the order
 * of the story (later parts see what earlier ones made).
 */
export async function seedDemoActivity(deps: Deps, demo: DemoFirm, now: Date = deps.clock()): Promise<void> {
  const ctx = demoContext(deps, demo, now);
  const third = await seedThirdMatter(ctx);
  await seedSecureChatHistory(ctx, third);
  await seedTimeReview(ctx);
  await seedMessageCenterActivity(ctx, now);
  await seedSecureInviteActivity(ctx, now);
  await seedTransferActivity(ctx, now);
}
