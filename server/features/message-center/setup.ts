import { and, count, eq, isNull } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import {
  conversations,
  firmNumbers,
  mcCampaigns,
  mcGroups,
  mcLocations,
  mcQuickReplies,
} from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { conflict } from '../../platform/http/problem';
import { ensureCanManageSetup, ensureCanReadSetup } from './policy';
import { presentCampaign, presentGroup, presentLocation, presentQuickReply } from './presenter';
import type {
  createCampaignBody,
  createLocationBody,
  createQuickReplyBody,
  serviceAreaBody,
  updateCampaignBody,
  updateLocationBody,
  updateQuickReplyBody,
} from './schemas';
import { campaignOf, groupOf, locationOf, quickReplyOf, requireTeam, setupPage } from './setup-queries';

// The Message Center setup a firm manages in Settings: groups → locations → campaigns, and quick
// replies per group. Agents (message_center.use) read it, settings.manage changes it. Deleting is
// refused (409) while something depends on the row: a group with locations, a location with
// campaigns, a campaign with open conversations. A deleted campaign releases its number.

type SetupDeps = Pick<Deps, 'db' | 'clock'>;
type Page = { limit: number; cursor?: string };

// ---- groups

export async function listGroups(deps: SetupDeps, input: { actor: StaffActor; query: Page }) {
  ensureCanReadSetup(input.actor);
  return setupPage(deps.db, mcGroups, { firmId: input.actor.firmId, ...input.query }, presentGroup);
}

export async function createGroup(deps: SetupDeps, input: { actor: StaffActor; name: string }) {
  ensureCanManageSetup(input.actor);
  const [row] = await deps.db
    .insert(mcGroups)
    .values({ firmId: input.actor.firmId, id: uuidv7(), name: input.name, createdAt: deps.clock() })
    .returning();
  return presentGroup(row as typeof mcGroups.$inferSelect);
}

export async function renameGroup(deps: SetupDeps, input: { actor: StaffActor; id: string; name?: string }) {
  ensureCanManageSetup(input.actor);
  const { firmId } = input.actor;
  const row = await groupOf(deps.db, firmId, input.id);
  if (input.name === undefined) return presentGroup(row);
  const [updated] = await deps.db
    .update(mcGroups)
    .set({ name: input.name })
    .where(and(eq(mcGroups.firmId, firmId), eq(mcGroups.id, row.id)))
    .returning();
  return presentGroup(updated as typeof mcGroups.$inferSelect);
}

export async function deleteGroup(deps: SetupDeps, input: { actor: StaffActor; id: string }) {
  ensureCanManageSetup(input.actor);
  const { firmId } = input.actor;
  await deps.db.transaction(async (tx) => {
    const row = await groupOf(tx, firmId, input.id, true);
    const [used] = await tx
      .select({ n: count() })
      .from(mcLocations)
      .where(
        and(eq(mcLocations.firmId, firmId), eq(mcLocations.groupId, row.id), isNull(mcLocations.deletedAt)),
      );
    if ((used?.n ?? 0) > 0) throw conflict('group-in-use', 'This group has locations; delete them first.');
    await tx
      .update(mcGroups)
      .set({ deletedAt: deps.clock() })
      .where(and(eq(mcGroups.firmId, firmId), eq(mcGroups.id, row.id)));
    await tx
      .update(mcQuickReplies)
      .set({ deletedAt: deps.clock() })
      .where(
        and(
          eq(mcQuickReplies.firmId, firmId),
          eq(mcQuickReplies.groupId, row.id),
          isNull(mcQuickReplies.deletedAt),
        ),
      );
  });
}

// ---- locations

type ServiceArea = z.output<typeof serviceAreaBody>;

function areaColumns(area: ServiceArea | null) {
  return {
    postalCode: area?.postalCode ?? null,
    lat: area?.lat ?? null,
    lng: area?.lng ?? null,
    idealMiles: area?.idealMiles ?? null,
    maxMiles: area?.maxMiles ?? null,
  };
}

export async function listLocations(
  deps: SetupDeps,
  input: { actor: StaffActor; query: Page & { groupId?: string } },
) {
  ensureCanReadSetup(input.actor);
  const { groupId, ...page } = input.query;
  return setupPage(
    deps.db,
    mcLocations,
    { firmId: input.actor.firmId, ...page, where: groupId ? eq(mcLocations.groupId, groupId) : undefined },
    presentLocation,
  );
}

export async function createLocation(
  deps: SetupDeps,
  input: { actor: StaffActor; body: z.output<typeof createLocationBody> },
) {
  ensureCanManageSetup(input.actor);
  const { firmId } = input.actor;
  return deps.db.transaction(async (tx) => {
    await groupOf(tx, firmId, input.body.groupId, true);
    const [row] = await tx
      .insert(mcLocations)
      .values({
        firmId,
        id: uuidv7(),
        groupId: input.body.groupId,
        name: input.body.name,
        ...areaColumns(input.body.serviceArea ?? null),
        createdAt: deps.clock(),
      })
      .returning();
    return presentLocation(row as typeof mcLocations.$inferSelect);
  });
}

export async function updateLocation(
  deps: SetupDeps,
  input: { actor: StaffActor; id: string; body: z.output<typeof updateLocationBody> },
) {
  ensureCanManageSetup(input.actor);
  const { firmId } = input.actor;
  const row = await locationOf(deps.db, firmId, input.id);
  const { name, serviceArea } = input.body;
  const set = {
    ...(name !== undefined ? { name } : {}),
    ...(serviceArea !== undefined ? areaColumns(serviceArea) : {}),
  };
  if (Object.keys(set).length === 0) return presentLocation(row);
  const [updated] = await deps.db
    .update(mcLocations)
    .set(set)
    .where(and(eq(mcLocations.firmId, firmId), eq(mcLocations.id, row.id)))
    .returning();
  return presentLocation(updated as typeof mcLocations.$inferSelect);
}

export async function deleteLocation(deps: SetupDeps, input: { actor: StaffActor; id: string }) {
  ensureCanManageSetup(input.actor);
  const { firmId } = input.actor;
  await deps.db.transaction(async (tx) => {
    const row = await locationOf(tx, firmId, input.id, true);
    const [used] = await tx
      .select({ n: count() })
      .from(mcCampaigns)
      .where(
        and(
          eq(mcCampaigns.firmId, firmId),
          eq(mcCampaigns.locationId, row.id),
          isNull(mcCampaigns.deletedAt),
        ),
      );
    if ((used?.n ?? 0) > 0)
      throw conflict('location-in-use', 'This location has campaigns; delete them first.');
    await tx
      .update(mcLocations)
      .set({ deletedAt: deps.clock() })
      .where(and(eq(mcLocations.firmId, firmId), eq(mcLocations.id, row.id)));
  });
}

// ---- campaigns

export async function listCampaigns(
  deps: SetupDeps,
  input: { actor: StaffActor; query: Page & { locationId?: string } },
) {
  ensureCanReadSetup(input.actor);
  const { locationId, ...page } = input.query;
  return setupPage(
    deps.db,
    mcCampaigns,
    {
      firmId: input.actor.firmId,
      ...page,
      where: locationId ? eq(mcCampaigns.locationId, locationId) : undefined,
    },
    presentCampaign,
  );
}

/**
 * A campaign on a new firm number: the number is registered in firm_numbers (purpose campaign), so
 * inbound texts to it reach the Message Center. Numbers are global (a webhook names only the
 * number): one used anywhere, by this firm or another, is 409 number-taken.
 */
export async function createCampaign(
  deps: SetupDeps,
  input: { actor: StaffActor; ip?: string; body: z.output<typeof createCampaignBody> },
) {
  ensureCanManageSetup(input.actor);
  const { actor, body } = input;
  const { firmId } = actor;
  return deps.db.transaction(async (tx) => {
    const location = await locationOf(tx, firmId, body.locationId, true);
    await requireTeam(tx, firmId, body.teamId);
    const taken = await tx
      .insert(firmNumbers)
      .values({ e164: body.phone, firmId, purpose: 'campaign', label: body.name })
      .onConflictDoNothing()
      .returning({ e164: firmNumbers.e164 });
    if (taken.length === 0) throw conflict('number-taken', 'This number is already in use.');
    const now = deps.clock();
    const [row] = await tx
      .insert(mcCampaigns)
      .values({
        firmId,
        id: uuidv7(),
        locationId: location.id,
        groupId: location.groupId,
        name: body.name,
        phone: body.phone,
        teamId: body.teamId,
        helpText: body.helpText ?? '',
        createdAt: now,
      })
      .returning();
    const campaign = row as typeof mcCampaigns.$inferSelect;
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'message_center.campaign_created',
        targetType: 'campaign',
        targetId: campaign.id,
      },
      now,
    );
    return presentCampaign(campaign);
  });
}

/** Renames, re-routes (new conversations go to the new team; open ones stay where they are) or re-words HELP. */
export async function updateCampaign(
  deps: SetupDeps,
  input: { actor: StaffActor; id: string; body: z.output<typeof updateCampaignBody> },
) {
  ensureCanManageSetup(input.actor);
  const { firmId } = input.actor;
  return deps.db.transaction(async (tx) => {
    const row = await campaignOf(tx, firmId, input.id, true);
    const { name, teamId, helpText } = input.body;
    if (teamId !== undefined) await requireTeam(tx, firmId, teamId);
    const set = {
      ...(name !== undefined ? { name } : {}),
      ...(teamId !== undefined ? { teamId } : {}),
      ...(helpText !== undefined ? { helpText } : {}),
    };
    if (Object.keys(set).length === 0) return presentCampaign(row);
    const [updated] = await tx
      .update(mcCampaigns)
      .set(set)
      .where(and(eq(mcCampaigns.firmId, firmId), eq(mcCampaigns.id, row.id)))
      .returning();
    return presentCampaign(updated as typeof mcCampaigns.$inferSelect);
  });
}

/** Deletes a campaign without open conversations (409 campaign-in-use otherwise) and releases its number. */
export async function deleteCampaign(deps: SetupDeps, input: { actor: StaffActor; ip?: string; id: string }) {
  ensureCanManageSetup(input.actor);
  const { actor } = input;
  const { firmId } = actor;
  await deps.db.transaction(async (tx) => {
    const row = await campaignOf(tx, firmId, input.id, true);
    const [open] = await tx
      .select({ n: count() })
      .from(conversations)
      .where(
        and(
          eq(conversations.firmId, firmId),
          eq(conversations.kind, 'sms'),
          eq(conversations.status, 'open'),
          eq(conversations.campaignId, row.id),
        ),
      );
    if ((open?.n ?? 0) > 0)
      throw conflict('campaign-in-use', 'This campaign has open conversations; close them first.');
    const now = deps.clock();
    await tx
      .update(mcCampaigns)
      .set({ deletedAt: now })
      .where(and(eq(mcCampaigns.firmId, firmId), eq(mcCampaigns.id, row.id)));
    await tx
      .delete(firmNumbers)
      .where(
        and(
          eq(firmNumbers.e164, row.phone),
          eq(firmNumbers.firmId, firmId),
          eq(firmNumbers.purpose, 'campaign'),
        ),
      );
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'message_center.campaign_deleted',
        targetType: 'campaign',
        targetId: row.id,
      },
      now,
    );
  });
}

// ---- quick replies

export async function listQuickReplies(
  deps: SetupDeps,
  input: { actor: StaffActor; query: Page & { groupId?: string } },
) {
  ensureCanReadSetup(input.actor);
  const { groupId, ...page } = input.query;
  return setupPage(
    deps.db,
    mcQuickReplies,
    { firmId: input.actor.firmId, ...page, where: groupId ? eq(mcQuickReplies.groupId, groupId) : undefined },
    presentQuickReply,
  );
}

export async function createQuickReply(
  deps: SetupDeps,
  input: { actor: StaffActor; body: z.output<typeof createQuickReplyBody> },
) {
  ensureCanManageSetup(input.actor);
  const { firmId } = input.actor;
  return deps.db.transaction(async (tx) => {
    await groupOf(tx, firmId, input.body.groupId, true);
    const [row] = await tx
      .insert(mcQuickReplies)
      .values({ firmId, id: uuidv7(), ...input.body, createdAt: deps.clock() })
      .returning();
    return presentQuickReply(row as typeof mcQuickReplies.$inferSelect);
  });
}

export async function updateQuickReply(
  deps: SetupDeps,
  input: { actor: StaffActor; id: string; body: z.output<typeof updateQuickReplyBody> },
) {
  ensureCanManageSetup(input.actor);
  const { firmId } = input.actor;
  const row = await quickReplyOf(deps.db, firmId, input.id);
  const set = {
    ...(input.body.title !== undefined ? { title: input.body.title } : {}),
    ...(input.body.body !== undefined ? { body: input.body.body } : {}),
  };
  if (Object.keys(set).length === 0) return presentQuickReply(row);
  const [updated] = await deps.db
    .update(mcQuickReplies)
    .set(set)
    .where(and(eq(mcQuickReplies.firmId, firmId), eq(mcQuickReplies.id, row.id)))
    .returning();
  return presentQuickReply(updated as typeof mcQuickReplies.$inferSelect);
}

export async function deleteQuickReply(deps: SetupDeps, input: { actor: StaffActor; id: string }) {
  ensureCanManageSetup(input.actor);
  const { firmId } = input.actor;
  const row = await quickReplyOf(deps.db, firmId, input.id);
  await deps.db
    .update(mcQuickReplies)
    .set({ deletedAt: deps.clock() })
    .where(and(eq(mcQuickReplies.firmId, firmId), eq(mcQuickReplies.id, row.id)));
}
