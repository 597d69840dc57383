import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { matterAssignees, matters } from '../../platform/db/schema';
import { can, type StaffActor } from '../../platform/http/actor';
import { notFound } from '../../platform/http/problem';
import { findMatter, type MatterView } from './queries';

// Who may see a matter and who may do what to it. canViewMatter is the rule; visibleMatters is its
// SQL form for lists (test/matters/matter-access-agreement.test.ts proves the two agree).

/** The parts of a matter that decide who may see and change it. */
export interface MatterAccess {
  ownerId: string;
  assigneeIds: readonly string[];
}

/** Admins, the owner, assignees and holders of matters.view_all see a matter; nobody else. */
export function canViewMatter(actor: StaffActor, matter: MatterAccess): boolean {
  return (
    can(actor, 'matters.view_all') ||
    matter.ownerId === actor.userId ||
    matter.assigneeIds.includes(actor.userId)
  );
}

/** Renaming, reassigning and closing a matter is for admins and its owner. */
export function canUpdateMatter(actor: StaffActor, matter: MatterAccess): boolean {
  return actor.role === 'admin' || matter.ownerId === actor.userId;
}

/** Whoever may see a matter may link its contacts (secure chat starts from them). */
export function canLinkMatterContacts(actor: StaffActor, matter: MatterAccess): boolean {
  return canViewMatter(actor, matter);
}

/** The fields of a matter view that policy rules decide on. */
export function matterAccess(view: MatterView): MatterAccess {
  return { ownerId: view.row.ownerId, assigneeIds: view.assigneeIds };
}

/** SQL condition selecting the matters the actor may see (mirrors canViewMatter). */
export function visibleMatters(actor: StaffActor): SQL | undefined {
  if (can(actor, 'matters.view_all')) return undefined;
  return sql`(${matters.ownerId} = ${actor.userId} or exists (
    select 1 from ${matterAssignees}
    where ${matterAssignees.firmId} = ${matters.firmId}
      and ${matterAssignees.matterId} = ${matters.id}
      and ${matterAssignees.userId} = ${actor.userId}))`;
}

/** A matter the actor may see, or 404 (also when it exists but is not theirs to see). */
export async function loadVisibleMatter(ex: Executor, actor: StaffActor, matterId: string, lock = false) {
  const view = await findMatter(ex, actor.firmId, matterId, lock);
  if (!view || !canViewMatter(actor, matterAccess(view))) throw notFound('matter');
  return view;
}
