import type { Audience } from '../../platform/bus/bus';

// Pure rules of Message Center transfers: who may transfer, where a conversation handed to an agent
// lands, and who hears of it.

/** What the rules need to know about the conversation and the caller. */
export interface TransferFacts {
  /** The agent holding (having claimed) the conversation. */
  assigneeId: string | null;
  actorId: string;
  /** The caller supervises (message_center.view_all). */
  supervisor: boolean;
}

/**
 * True when the caller may transfer the conversation: the agent holding it, or a supervisor
 * (who may also move an unclaimed conversation). An agent who does not hold it may not.
 */
export function mayTransfer(f: TransferFacts): boolean {
  return f.supervisor || (f.assigneeId !== null && f.assigneeId === f.actorId);
}

/**
 * The team a conversation handed to an agent lands in: the team named with the agent; else the
 * conversation's own team while the agent belongs to it (a colleague of the same team); else the
 * first of the agent's teams (by name), so the agent's team mates see it as their own; an agent of
 * no team leaves the team as it is (they hold the conversation as its member).
 */
export function destinationTeam(input: {
  currentTeamId: string | null;
  namedTeamId: string | null;
  /** The agent's teams (kind team), ordered by name. */
  agentTeamIds: readonly string[];
}): string | null {
  if (input.namedTeamId !== null) return input.namedTeamId;
  if (input.currentTeamId !== null && input.agentTeamIds.includes(input.currentTeamId))
    return input.currentTeamId;
  return input.agentTeamIds[0] ?? input.currentTeamId;
}

/**
 * Everyone who sees the conversation before or after a change of its team, holder or members: those
 * who gain it learn it arrived, those who lose it hear once more (they refetch, find it gone, and
 * drop it).
 */
export function unionAudience(before: Audience, after: Audience): Audience {
  const userIds = [...new Set([...(before.userIds ?? []), ...(after.userIds ?? [])])];
  const permission = after.permission ?? before.permission;
  return permission === undefined ? { userIds } : { userIds, permission };
}

/** The notification title of a transfer, for the agent or team that receives it: who, never what. */
export function transferTitle(input: {
  by: string | null;
  mode: 'warm' | 'cold';
  toTeam: string | null;
}): string {
  const who = input.by ?? 'A colleague';
  if (input.mode === 'warm') return `${who} asks you to take over a conversation`;
  return input.toTeam
    ? `${who} transferred a conversation to ${input.toTeam}`
    : `${who} transferred a conversation to you`;
}

/** The notification title telling the one who asked how a warm transfer ended. */
export function answerTitle(input: { by: string | null; outcome: 'accepted' | 'declined' }): string {
  return `${input.by ?? 'Your colleague'} ${input.outcome} the transfer`;
}
