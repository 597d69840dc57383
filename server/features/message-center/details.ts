import { and, eq, inArray } from 'drizzle-orm';
import type { ConversationOut } from '../../../contracts/conversations';
import type { MessageCenterDetails } from '../../../contracts/message-center';
import type { Executor } from '../../platform/db/client';
import { conversations, mcCampaigns, mcGroups, mcLocations, teams, users } from '../../platform/db/schema';
import type { ConversationDecorator } from '../conversations/plugins';
import type { ConversationRow } from '../conversations/queries';
import { loadSettings } from '../settings/load-settings';
import { consentFlagsOf } from '../sms/consent';
import { pairKey } from '../sms/consent-model';
import { alertOf } from './model';

// What a reference to nothing (no campaign, no team) answers: the API's fields are never null.
const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * What an `sms` conversation carries besides the common fields, for rows of one firm: the
 * customer number, group, location, campaign, team and agent by name, the claim, wait and close
 * times, consent flags, and the alert at `now` with the time it next changes. A fixed number of
 * queries (three) whatever the number of rows (a dashboard page costs the same as one conversation).
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
  // The names of every row's campaign, location, group, team and agent in one read.
  const named = new Map(
    (
      await ex
        .select({
          id: conversations.id,
          campaign: { id: mcCampaigns.id, name: mcCampaigns.name, phone: mcCampaigns.phone },
          location: { id: mcLocations.id, name: mcLocations.name },
          group: { id: mcGroups.id, name: mcGroups.name },
          team: { id: teams.id, name: teams.name },
          agent: { id: users.id, name: users.name },
        })
        .from(conversations)
        .leftJoin(
          mcCampaigns,
          and(eq(mcCampaigns.firmId, conversations.firmId), eq(mcCampaigns.id, conversations.campaignId)),
        )
        .leftJoin(
          mcLocations,
          and(eq(mcLocations.firmId, mcCampaigns.firmId), eq(mcLocations.id, mcCampaigns.locationId)),
        )
        .leftJoin(
          mcGroups,
          and(eq(mcGroups.firmId, mcCampaigns.firmId), eq(mcGroups.id, mcCampaigns.groupId)),
        )
        .leftJoin(teams, and(eq(teams.firmId, conversations.firmId), eq(teams.id, conversations.teamId)))
        .leftJoin(users, and(eq(users.firmId, conversations.firmId), eq(users.id, conversations.assigneeId)))
        .where(
          and(
            eq(conversations.firmId, firmId),
            inArray(
              conversations.id,
              rows.map((r) => r.id),
            ),
          ),
        )
    ).map((r) => [r.id, r]),
  );
  const { alertMinutes } = await loadSettings(ex, firmId);
  const pairs = rows.map((r) => ({ phone: r.contactPhone ?? '', firmPhone: r.firmPhone ?? '' }));
  const consent = await consentFlagsOf(ex, firmId, pairs);

  for (const row of rows) {
    const names = named.get(row.id);
    const campaign = names?.campaign;
    const nameOf = (ref: { id: string; name: string } | null | undefined) =>
      ref ? { id: ref.id, name: ref.name } : { id: NO_ID, name: '' };
    const flags = consent.get(pairKey(row.contactPhone ?? '', row.firmPhone ?? ''));
    const { alert, alertAt } = alertOf(row, now, alertMinutes);
    out.set(row.id, {
      alert,
      alertAt: alertAt?.toISOString() ?? null,
      messageCenter: {
        customerPhone: row.contactPhone ?? '',
        group: nameOf(names?.group),
        location: nameOf(names?.location),
        campaign: {
          id: campaign?.id ?? NO_ID,
          name: campaign?.name ?? '',
          phone: campaign?.phone ?? row.firmPhone ?? '',
        },
        team: row.teamId ? { id: row.teamId, name: names?.team?.name ?? '' } : nameOf(null),
        agent: row.assigneeId ? { id: row.assigneeId, name: names?.agent?.name ?? '' } : null,
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
