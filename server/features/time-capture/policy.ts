import { can, type StaffActor } from '../../platform/http/actor';

/** Billing managers (billing.manage, admins) see and work on every timekeeper's time. */
export function canManageAllTime(actor: StaffActor): boolean {
  return can(actor, 'billing.manage');
}

/** A timekeeper sees, edits, dismisses and converts their own billable events and time entries only. */
export function canWorkOnTime(actor: StaffActor, item: { userId: string }): boolean {
  return item.userId === actor.userId || canManageAllTime(actor);
}

/**
 * What may be done with a billable event by those who see it (its timekeeper and billing managers,
 * who may all work on it): edit, dismiss or convert while open, restore once dismissed. Sent with the
 * event so the dashboard does not re-implement it.
 */
export function eventAbilities(event: { status: string }) {
  return {
    edit: event.status === 'open',
    dismiss: event.status === 'open',
    restore: event.status === 'dismissed',
    convert: event.status === 'open',
  };
}

/** Setting billing rates and timekeeper classifications is for billing managers. */
export function canSetRates(actor: StaffActor): boolean {
  return canManageAllTime(actor);
}
