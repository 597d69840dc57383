import { and, eq } from 'drizzle-orm';
import type { TransferOut } from '../../../contracts/transfers';
import type { Deps } from '../../deps';
import type { Executor } from '../../platform/db/client';
import { isAnyId } from '../../platform/db/list-sql';
import { namesOf } from '../../platform/db/names';
import { messages, teams } from '../../platform/db/schema';
import type { ConversationRow } from '../conversations/queries';
import { decryptBodies } from '../conversations/read-message-bodies';
import type { TransferRow } from './transfer-queries';

/**
 * Transfers as the API answers them: people and teams by name, the handoff note decrypted from its
 * internal message (the caller audits the read when it answers notes).
 */
export async function presentTransfers(
  ex: Executor,
  deps: Pick<Deps, 'keyring'>,
  conversation: Pick<ConversationRow, 'firmId' | 'id'>,
  rows: readonly TransferRow[],
): Promise<TransferOut[]> {
  if (rows.length === 0) return [];
  const { firmId } = conversation;
  const people = await namesOf(
    ex,
    firmId,
    rows.flatMap((r) =>
      [r.byUserId, r.fromUserId, r.toUserId, r.decidedBy].map((id) => ({ type: 'user', id })),
    ),
  );
  const teamIds = [
    ...new Set(rows.flatMap((r) => [r.fromTeamId, r.toTeamId].filter((v): v is string => v !== null))),
  ];
  const teamNames = new Map(
    (teamIds.length === 0
      ? []
      : await ex
          .select({ id: teams.id, name: teams.name })
          .from(teams)
          .where(and(eq(teams.firmId, firmId), isAnyId(teams.id, teamIds)))
    ).map((t) => [t.id, t.name]),
  );
  const noteIds = rows.flatMap((r) => (r.noteMessageId ? [r.noteMessageId] : []));
  const noteRows =
    noteIds.length === 0
      ? []
      : await ex
          .select({ id: messages.id, bodySealed: messages.bodySealed })
          .from(messages)
          .where(and(eq(messages.firmId, firmId), isAnyId(messages.id, noteIds)));
  const bodies = await decryptBodies(ex, deps, conversation, noteRows);
  const notes = new Map(noteRows.map((m, i) => [m.id, bodies[i] as string]));
  const person = (id: string | null) => (id ? { id, name: people.get(id) ?? '' } : null);
  const team = (id: string | null) => (id ? { id, name: teamNames.get(id) ?? '' } : null);
  return rows.map((r) => ({
    id: r.id,
    conversationId: r.conversationId,
    mode: r.mode as TransferOut['mode'],
    status: r.status as TransferOut['status'],
    by: person(r.byUserId) as { id: string; name: string },
    fromAgent: person(r.fromUserId),
    fromTeam: team(r.fromTeamId),
    toAgent: person(r.toUserId),
    toTeam: team(r.toTeamId),
    note: r.noteMessageId ? (notes.get(r.noteMessageId) ?? null) : null,
    noteMessageId: r.noteMessageId,
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decidedBy: person(r.decidedBy),
  }));
}
