import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { mcCampaigns, mcLocations } from '../../platform/db/schema';
import type { ServiceAreaCircle } from './service-area';

/**
 * The service area of the location behind each campaign, by campaign id; campaigns whose location
 * has no service area are absent. Two queries whatever the number of campaigns.
 */
export async function serviceAreasOfCampaigns(
  ex: Executor,
  firmId: string,
  campaignIds: string[],
): Promise<Map<string, ServiceAreaCircle>> {
  const out = new Map<string, ServiceAreaCircle>();
  const ids = [...new Set(campaignIds)];
  if (ids.length === 0) return out;
  const campaigns = await ex
    .select({ id: mcCampaigns.id, locationId: mcCampaigns.locationId })
    .from(mcCampaigns)
    .where(and(eq(mcCampaigns.firmId, firmId), inArray(mcCampaigns.id, ids)));
  const locationIds = [...new Set(campaigns.map((c) => c.locationId))];
  if (locationIds.length === 0) return out;
  const locations = await ex
    .select()
    .from(mcLocations)
    .where(and(eq(mcLocations.firmId, firmId), inArray(mcLocations.id, locationIds)));
  const areas = new Map<string, ServiceAreaCircle>();
  for (const l of locations) {
    if (l.lat === null || l.lng === null || l.idealMiles === null || l.maxMiles === null) continue;
    areas.set(l.id, { lat: l.lat, lng: l.lng, idealMiles: l.idealMiles, maxMiles: l.maxMiles });
  }
  for (const c of campaigns) {
    const area = areas.get(c.locationId);
    if (area) out.set(c.id, area);
  }
  return out;
}
