import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { users } from '../../platform/db/schema';
import { conflict, Problem, unprocessable } from '../../platform/http/problem';

/** 409 claimed: another agent holds the conversation; `holder` names them so the UI can say who. */
export class ClaimedProblem extends Problem {
  constructor(
    readonly holder: { id: string; name: string },
    detail: string,
  ) {
    super(409, 'claimed', 'Conflict', detail);
  }

  override toJSON() {
    return { ...super.toJSON(), holder: this.holder };
  }
}

/** ClaimedProblem naming the holder by their current name. */
export async function claimedBy(ex: Executor, firmId: string, holderId: string, detail: string) {
  const [row] = await ex
    .select({ name: users.name })
    .from(users)
    .where(and(eq(users.firmId, firmId), eq(users.id, holderId)));
  return new ClaimedProblem({ id: holderId, name: row?.name ?? '' }, detail);
}

/** 409 not-claimed: nobody claimed the conversation yet, so only notes may be written. */
export const notClaimed = () =>
  conflict(
    'not-claimed',
    'Claim this conversation before texting the customer; until then only notes can be sent.',
  );

/** 409 conversation-closed. */
export const conversationClosed = () =>
  conflict('conversation-closed', 'This conversation is closed; the customer’s next text opens a new one.');

/** 422 not-message-center: the route is for Message Center (sms) conversations only. */
export const notMessageCenter = () =>
  unprocessable('not-message-center', 'Only Message Center conversations can be claimed or closed.');
