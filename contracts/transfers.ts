import { z } from 'zod';

// Message Center transfers (a conversation handed to another agent or team, warm or cold) and
// presence (which agents are online, for internal chat). Server and web both read this file.

const isoTime = z.iso.datetime().describe('ISO 8601 UTC time');
const id = z.uuid().describe('UUID');
const named = z.object({ id, name: z.string() });

export const transferMode = z
  .enum(['warm', 'cold'])
  .describe('warm (the colleague is asked first and accepts or declines) or cold (handed over at once)');
export type TransferMode = z.output<typeof transferMode>;

export const transferStatus = z
  .enum(['pending', 'accepted', 'declined', 'cancelled', 'completed'])
  .describe('pending (warm, awaiting the colleague), accepted, declined, cancelled, completed (cold)');
export type TransferStatus = z.output<typeof transferStatus>;

/** One entry of a conversation's transfer log. */
export const transferOut = z.object({
  id,
  conversationId: id,
  mode: transferMode,
  status: transferStatus,
  by: named.describe('Who transferred it'),
  fromAgent: named.nullable().describe('Who held it before'),
  fromTeam: named.nullable().describe('Its team before'),
  toAgent: named.nullable().describe('The agent it goes to (null for a team queue)'),
  toTeam: named.nullable().describe('The team it goes to'),
  note: z.string().nullable().describe('The handoff note'),
  noteMessageId: id.nullable().describe('The internal message holding the note'),
  createdAt: isoTime,
  decidedAt: isoTime.nullable().describe('When it was accepted, declined or cancelled'),
  decidedBy: named.nullable(),
});
export type TransferOut = z.output<typeof transferOut>;

/** One colleague who is online now. */
export const presenceOut = z.object({
  userId: id,
  name: z.string(),
  online: z.literal(true),
  since: isoTime.describe('Since when they have been online without a break'),
});
export type PresenceOut = z.output<typeof presenceOut>;

/** `GET /api/v1/presence`: the Message Center agents of the caller's firm who are online now. */
export const presenceListOut = z.object({ items: z.array(presenceOut) });

/** A Message Center agent a conversation can be transferred to, or chatted with. */
export const agentOut = z.object({
  id,
  name: z.string(),
  teams: z.array(named).describe('The teams (kind team) the agent belongs to, by name'),
  online: z.boolean().describe('Has an open stream now'),
  since: isoTime.nullable().describe('Online since (null when offline)'),
});
export type AgentOut = z.output<typeof agentOut>;

/** `GET /api/v1/message-center/agents`: the firm's Message Center agents, by name. */
export const agentListOut = z.object({ items: z.array(agentOut) });
