import type { ConversationOut } from '../../../contracts/conversations';
import type { MessageCenterDetails } from '../../../contracts/message-center';
import type { ConversationDecorator } from '../conversations/plugins';
import type { ConversationRow } from '../conversations/queries';
import { consentFlags } from '../sms/consent-model';
import { consumerViews } from './consumer-views';
import { type SmsConversationFacts, smsConversationFacts } from './details-queries';
import { alertOf } from './model';

// What a reference to nothing (no campaign, no team) answers: the API's fields are never null.
const NO_ID = '00000000-0000-0000-0000-000000000000';

/** What an `sms` conversation carries besides the common fields, before what is noted about the customer. */
type SmsDetails = Pick<ConversationOut, 'alert' | 'alertAt'> & { messageCenter: MessageCenterDetails };

/**
 * What an `sms` conversation carries besides the common fields, from its row and what the page's
 * read found: the customer number, group, location, campaign, team and agent by name, the claim,
 * wait and close times, consent flags, and the alert at `now` with the time it next changes.
 */
export function messageCenterDetails(
  row: ConversationRow,
  facts: SmsConversationFacts | undefined,
  now: Date,
  alertMinutes: number,
): SmsDetails {
  const campaign = facts?.campaign;
  const nameOf = (ref: { id: string; name: string } | null | undefined) =>
    ref ? { id: ref.id, name: ref.name } : { id: NO_ID, name: '' };
  const flags = consentFlags(facts?.consent ?? null);
  const { alert, alertAt } = alertOf(row, now, alertMinutes);
  return {
    alert,
    alertAt: alertAt?.toISOString() ?? null,
    messageCenter: {
      customerPhone: row.contactPhone ?? '',
      group: nameOf(facts?.group),
      location: nameOf(facts?.location),
      campaign: {
        id: campaign?.id ?? NO_ID,
        name: campaign?.name ?? '',
        phone: campaign?.phone ?? row.firmPhone ?? '',
      },
      team: row.teamId ? { id: row.teamId, name: facts?.team?.name ?? '' } : nameOf(null),
      agent: row.assigneeId ? { id: row.assigneeId, name: facts?.agent?.name ?? '' } : null,
      claimedAt: row.claimedAt?.toISOString() ?? null,
      waitingSince: row.waitingSince?.toISOString() ?? null,
      closedAt: row.status === 'closed' ? (row.endedAt?.toISOString() ?? null) : null,
      optedOut: flags.optedOut,
      revocationFlagged: flags.revocationFlagged,
    },
  };
}

/**
 * The decorator of kind `sms` (registered in bootstrap.ts): Message Center details, alerts and what
 * agents noted about the customer. One query (the page's read, with the firm's settings) whatever
 * the number of rows (a dashboard page costs the same as one conversation), and an audit
 * entry per customer record shown in details.
 */
export const decorateSmsConversations: ConversationDecorator = async (ex, deps, actor, rows, view) => {
  const out = new Map<string, Partial<ConversationOut>>();
  if (rows.length === 0) return out;
  const { facts, settings } = await smsConversationFacts(
    ex,
    actor.firmId,
    rows.map((r) => r.id),
  );
  const { alertMinutes } = settings;
  const consumers = await consumerViews(ex, deps, actor, rows, view, facts);
  const now = deps.clock();
  for (const row of rows)
    out.set(row.id, {
      ...messageCenterDetails(row, facts.get(row.id), now, alertMinutes),
      ...consumers.get(row.id),
    });
  return out;
};
