import { can, type StaffActor } from '../../platform/http/actor';
import type { ConversationRow } from '../conversations/queries';
import { worksConversations } from './policy';

/**
 * Who may change the consumer details of a Message Center conversation they can see: the agent who
 * claimed it, and supervisors (message_center.view_all). Everyone else who sees it reads them.
 */
export function canEditConsumer(
  actor: StaffActor,
  row: Pick<ConversationRow, 'kind' | 'assigneeId'>,
): boolean {
  if (row.kind !== 'sms' || !worksConversations(actor)) return false;
  return row.assigneeId === actor.userId || can(actor, 'message_center.view_all');
}
