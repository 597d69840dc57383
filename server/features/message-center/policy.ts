import { can, type StaffActor } from '../../platform/http/actor';
import { forbidden } from '../../platform/http/problem';

// Who may read and change the Message Center setup: agents read it (campaigns, quick replies),
// those who manage the firm's settings change it.

/** True when the actor may read the setup (groups, locations, campaigns, quick replies). */
export function canReadSetup(actor: StaffActor): boolean {
  return can(actor, 'message_center.use') || can(actor, 'settings.manage');
}

/** 403 unless the actor may read the setup. */
export function ensureCanReadSetup(actor: StaffActor): void {
  if (!canReadSetup(actor)) throw forbidden();
}

/** 403 unless the actor may change the setup. */
export function ensureCanManageSetup(actor: StaffActor): void {
  if (!can(actor, 'settings.manage')) throw forbidden('Only those who manage settings can change this.');
}

/** True when the actor uses the Message Center (answers conversations of their teams). */
export function usesMessageCenter(actor: StaffActor): boolean {
  return can(actor, 'message_center.use');
}

/** True when the actor works Message Center conversations they see (agents and supervisors). */
export function worksConversations(actor: StaffActor): boolean {
  return can(actor, 'message_center.use') || can(actor, 'message_center.view_all');
}

/** 403 unless the actor works Message Center conversations. */
export function ensureWorksConversations(actor: StaffActor): void {
  if (!worksConversations(actor)) throw forbidden('Only Message Center agents can do this.');
}
