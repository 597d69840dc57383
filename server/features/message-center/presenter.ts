import type { Campaign, Group, Location, QuickReply } from '../../../contracts/message-center';
import type { mcCampaigns, mcGroups, mcLocations, mcQuickReplies } from '../../platform/db/schema';

// Setup rows as the API answers them.

export function presentGroup(row: typeof mcGroups.$inferSelect): Group {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString() };
}

export function presentLocation(row: typeof mcLocations.$inferSelect): Location {
  const hasArea = row.lat !== null && row.lng !== null && row.idealMiles !== null && row.maxMiles !== null;
  return {
    id: row.id,
    groupId: row.groupId,
    name: row.name,
    serviceArea: hasArea
      ? {
          centre: { lat: row.lat as number, lng: row.lng as number },
          postalCode: row.postalCode,
          idealMiles: row.idealMiles as number,
          maxMiles: row.maxMiles as number,
        }
      : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentCampaign(row: typeof mcCampaigns.$inferSelect): Campaign {
  return {
    id: row.id,
    locationId: row.locationId,
    groupId: row.groupId,
    name: row.name,
    phone: row.phone,
    teamId: row.teamId,
    helpText: row.helpText,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentQuickReply(row: typeof mcQuickReplies.$inferSelect): QuickReply {
  return {
    id: row.id,
    groupId: row.groupId,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
  };
}
