import { can, type StaffActor } from '../../platform/http/actor';

/** Creating teams and circles and changing their members is for admins and settings.manage. */
export function canManageTeams(actor: StaffActor): boolean {
  return can(actor, 'settings.manage');
}
