import type { Deps } from '../../deps';
import type { PublishedEvent } from '../../platform/bus/events';
import type { Tx } from '../../platform/db/client';
import type { ConversationRow } from './queries';

/**
 * Tells the membershipChanged listeners that these users left the conversation (removed, handed
 * over, or no longer asked to take it over), and answers the events they want published.
 */
export async function membersLeft(
  tx: Tx,
  deps: Deps,
  conversation: ConversationRow,
  userIds: readonly string[],
): Promise<PublishedEvent[]> {
  const events: PublishedEvent[] = [];
  for (const userId of userIds)
    for (const listener of deps.conversations.membershipChanged)
      events.push(...(await listener(tx, deps, { conversation, userId, change: 'removed' })));
  return events;
}
