import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { isAnyIdPlaceholder, uuidArray } from '../../platform/db/list-sql';
import { preparedOnce } from '../../platform/db/prepared-once';
import {
  conversations,
  firms,
  mcCampaigns,
  mcConsumers,
  mcGroups,
  mcLocations,
  smsConsentStates,
  teams,
  users,
} from '../../platform/db/schema';
import { settingsFromDocument } from '../settings/load-settings';
import type { FirmSettings } from '../settings/model';
import type { SealedConsumer } from './consumer-store';
import type { ServiceAreaCircle } from './service-area';

/** A referenced record's id and name, as the page's read finds it (null when there is none). */
type Named = { id: string; name: string } | null;

/** What the page's read finds about one `sms` conversation besides its row. */
export interface SmsConversationFacts {
  campaign: { id: string; name: string; phone: string } | null;
  location: Named;
  group: Named;
  team: Named;
  agent: Named;
  /** The pair's current consent state; null when it never changed (opted in). */
  consent: { state: string; revocationFlaggedAt: Date | null } | null;
  /** What agents noted about the customer number, still sealed; null when nothing. */
  consumer: SealedConsumer | null;
  /** The service area of the campaign's location; null when it has none. */
  area: ServiceAreaCircle | null;
}

/**
 * The read of smsConversationFacts, built by Drizzle once per process (see preparedOnce): building it
 * (nine tables, some thirty columns) cost the ORM more per dashboard page than PostgreSQL spends
 * running it. The firm and the ids are its values.
 */
const factsStatement = preparedOnce((ex) =>
  ex
    .select({
      id: conversations.id,
      firmSettings: firms.settings,
      campaign: { id: mcCampaigns.id, name: mcCampaigns.name, phone: mcCampaigns.phone },
      location: { id: mcLocations.id, name: mcLocations.name },
      circle: {
        lat: mcLocations.lat,
        lng: mcLocations.lng,
        idealMiles: mcLocations.idealMiles,
        maxMiles: mcLocations.maxMiles,
      },
      group: { id: mcGroups.id, name: mcGroups.name },
      team: { id: teams.id, name: teams.name },
      agent: { id: users.id, name: users.name },
      consent: { state: smsConsentStates.state, revocationFlaggedAt: smsConsentStates.revocationFlaggedAt },
      consumer: {
        phone: mcConsumers.phone,
        detailsSealed: mcConsumers.detailsSealed,
        updatedAt: mcConsumers.updatedAt,
      },
    })
    .from(conversations)
    .innerJoin(firms, eq(firms.id, conversations.firmId))
    .leftJoin(
      mcCampaigns,
      and(eq(mcCampaigns.firmId, conversations.firmId), eq(mcCampaigns.id, conversations.campaignId)),
    )
    .leftJoin(
      mcLocations,
      and(eq(mcLocations.firmId, mcCampaigns.firmId), eq(mcLocations.id, mcCampaigns.locationId)),
    )
    .leftJoin(mcGroups, and(eq(mcGroups.firmId, mcCampaigns.firmId), eq(mcGroups.id, mcCampaigns.groupId)))
    .leftJoin(teams, and(eq(teams.firmId, conversations.firmId), eq(teams.id, conversations.teamId)))
    .leftJoin(users, and(eq(users.firmId, conversations.firmId), eq(users.id, conversations.assigneeId)))
    .leftJoin(
      smsConsentStates,
      and(
        eq(smsConsentStates.firmId, conversations.firmId),
        eq(smsConsentStates.phone, conversations.contactPhone),
        eq(smsConsentStates.firmPhone, conversations.firmPhone),
      ),
    )
    .leftJoin(
      mcConsumers,
      and(eq(mcConsumers.firmId, conversations.firmId), eq(mcConsumers.phone, conversations.contactPhone)),
    )
    .where(
      and(eq(conversations.firmId, sql.placeholder('firmId')), isAnyIdPlaceholder(conversations.id, 'ids')),
    )
    .prepare('parley_sms_facts'),
);

/**
 * Everything a page of `sms` conversations shows besides the rows, in one read driven by the rows'
 * ids whatever their number: the campaign, location (with its service area), group, team and agent,
 * the pair's consent state and the customer's sealed record, by conversation id; and the firm's
 * settings (every row carries the same document; the defaults when no row was found).
 */
export async function smsConversationFacts(
  ex: Executor,
  firmId: string,
  ids: string[],
): Promise<{ facts: Map<string, SmsConversationFacts>; settings: FirmSettings }> {
  if (ids.length === 0) return { facts: new Map(), settings: settingsFromDocument(null) };
  const rows = await factsStatement(ex).execute({ firmId, ids: uuidArray(ids) });
  return {
    facts: new Map(
      rows.map(({ id, circle, firmSettings: _, ...facts }) => [id, { ...facts, area: areaOf(circle) }]),
    ),
    settings: settingsFromDocument(rows[0]?.firmSettings),
  };
}

/** A location's service area, when all of it is set. */
function areaOf(
  c: { lat: number | null; lng: number | null; idealMiles: number | null; maxMiles: number | null } | null,
) {
  if (!c || c.lat === null || c.lng === null || c.idealMiles === null || c.maxMiles === null) return null;
  return { lat: c.lat, lng: c.lng, idealMiles: c.idealMiles, maxMiles: c.maxMiles };
}
