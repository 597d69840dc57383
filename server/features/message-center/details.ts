import { and, eq, inArray } from 'drizzle-orm';
import type { ConversationOut } from '../../../contracts/conversations';
import type { MessageCenterDetails } from '../../../contracts/message-center';
import type { Executor } from '../../platform/db/client';
import { namesOf } from '../../platform/db/names';
import { mcCampaigns, mcGroups, mcLocations, teams } from '../../platform/db/schema';
import type { ConversationDecorator } from '../conversations/plugins';
import type { ConversationRow } from '../conversations/queries';
import { loadSettings } from '../settings/load-settings';
import { consentFlagsOf } from '../sms/consent';
import { pairKey } from '../sms/consent-model';
import { alertOf } from './model';

const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
const unique = (ids: (string | null)[]) => [...new Set(ids.filter((v): v is string => v !== null))];

/**
 * What an `sms` conversation carries besides the common fields, for rows of one firm: the
 * customer number, group, location, campaign, team and agent by name, the claim, wait and close
 * times, consent flags, and the alert at `now` with the time it next changes. A fixed number of
 * queries whatever the number of rows (a dashboard page costs the same as one conversation).
 */
export async function messageCenterDetails(
  ex: Executor,
  firmId: string,
  rows: ConversationRow[],
  now: Date,
): Promise<
  Map<string, Pick<ConversationOut, 'alert' | 'alertAt'> & { messageCenter: MessageCenterDetails }>
> {
  const out = new Map<
    string,
    Pick<ConversationOut, 'alert' | 'alertAt'> & { messageCenter: MessageCenterDetails }
  >();
  if (rows.length === 0) return out;
  // One query at a time: ex may be a transaction on a single connection.
  const campaignIds = unique(rows.map((r) => r.campaignId));
  const campaigns = byId(
    campaignIds.length === 0
      ? []
      : await ex
          .select()
          .from(mcCampaigns)
          .where(and(eq(mcCampaigns.firmId, firmId), inArray(mcCampaigns.id, campaignIds))),
  );
  const locationIds = unique([...campaigns.values()].map((c) => c.locationId));
  const locations = byId(
    locationIds.length === 0
      ? []
      : await ex
          .select({ id: mcLocations.id, name: mcLocations.name })
          .from(mcLocations)
          .where(and(eq(mcLocations.firmId, firmId), inArray(mcLocations.id, locationIds))),
  );
  const groupIds = unique([...campaigns.values()].map((c) => c.groupId));
  const groups = byId(
    groupIds.length === 0
      ? []
      : await ex
          .select({ id: mcGroups.id, name: mcGroups.name })
          .from(mcGroups)
          .where(and(eq(mcGroups.firmId, firmId), inArray(mcGroups.id, groupIds))),
  );
  const teamIds = unique(rows.map((r) => r.teamId));
  const teamRows = byId(
    teamIds.length === 0
      ? []
      : await ex
          .select({ id: teams.id, name: teams.name })
          .from(teams)
          .where(and(eq(teams.firmId, firmId), inArray(teams.id, teamIds))),
  );
  const agentIds = unique(rows.map((r) => r.assigneeId));
  const agentNames = await namesOf(
    ex,
    firmId,
    agentIds.map((id) => ({ type: 'user', id })),
  );
  const agents = new Map([...agentNames].map(([id, name]) => [id, { id, name }]));
  const { alertMinutes } = await loadSettings(ex, firmId);
  const pairs = rows.map((r) => ({ phone: r.contactPhone ?? '', firmPhone: r.firmPhone ?? '' }));
  const consent = await consentFlagsOf(ex, firmId, pairs);

  for (const row of rows) {
    const campaign = row.campaignId ? campaigns.get(row.campaignId) : undefined;
    const named = (m: Map<string, { id: string; name: string }>, id: string | null | undefined) =>
      id ? { id, name: m.get(id)?.name ?? '' } : { id: '00000000-0000-0000-0000-000000000000', name: '' };
    const flags = consent.get(pairKey(row.contactPhone ?? '', row.firmPhone ?? ''));
    const { alert, alertAt } = alertOf(row, now, alertMinutes);
    out.set(row.id, {
      alert,
      alertAt: alertAt?.toISOString() ?? null,
      messageCenter: {
        customerPhone: row.contactPhone ?? '',
        group: named(groups, campaign?.groupId),
        location: named(locations, campaign?.locationId),
        campaign: {
          id: campaign?.id ?? '00000000-0000-0000-0000-000000000000',
          name: campaign?.name ?? '',
          phone: campaign?.phone ?? row.firmPhone ?? '',
        },
        team: named(teamRows, row.teamId),
        agent: row.assigneeId ? named(agents, row.assigneeId) : null,
        claimedAt: row.claimedAt?.toISOString() ?? null,
        waitingSince: row.waitingSince?.toISOString() ?? null,
        closedAt: row.status === 'closed' ? (row.endedAt?.toISOString() ?? null) : null,
        optedOut: flags?.optedOut ?? false,
        revocationFlagged: flags?.revocationFlagged ?? false,
      },
    });
  }
  return out;
}

/** The decorator of kind `sms` (registered in bootstrap.ts): Message Center details and alerts. */
export const decorateSmsConversations: ConversationDecorator = async (ex, deps, actor, rows) =>
  messageCenterDetails(ex, actor.firmId, rows, deps.clock());
