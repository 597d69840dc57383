import type { AlertKind } from '../../../contracts/message-center';

// Pure rules of Message Center conversations: alerts and who may text the customer.

/** The fields of a conversation the alerts read. */
export interface AlertFacts {
  status: string;
  assigneeId: string | null;
  /** Since when it waits to be claimed (creation, or a later hand-back); createdAt when unset. */
  unclaimedSince: Date | null;
  createdAt: Date;
  /** Since when the customer's last message is unanswered. */
  waitingSince: Date | null;
}

/** The next threshold an open conversation crosses: which alert it raises and when. */
export interface AlertDeadline {
  kind: 'unclaimed_overdue' | 'waiting_overdue';
  at: Date;
}

const MINUTE = 60_000;

/**
 * The threshold of the conversation, whatever the time: an unclaimed one becomes overdue
 * alertMinutes after it started waiting for a claim; a claimed one whose customer waits becomes
 * waiting_overdue alertMinutes after the customer's unanswered message. None when closed, or when
 * claimed and the customer is not waiting.
 */
export function alertDeadline(c: AlertFacts, alertMinutes: number): AlertDeadline | null {
  if (c.status !== 'open') return null;
  const span = alertMinutes * MINUTE;
  if (c.assigneeId === null)
    return { kind: 'unclaimed_overdue', at: new Date((c.unclaimedSince ?? c.createdAt).getTime() + span) };
  if (c.waitingSince === null) return null;
  return { kind: 'waiting_overdue', at: new Date(c.waitingSince.getTime() + span) };
}

/**
 * The alert of a conversation at `now` and the time it next changes (null when it will not change
 * by itself). unclaimed → unclaimed_overdue from alertMinutes after it became claimable (the
 * threshold itself counts as overdue); claimed with the customer waiting → waiting_overdue from
 * alertMinutes after the customer's first unanswered message; otherwise and when closed, none.
 */
export function alertOf(
  c: AlertFacts,
  now: Date,
  alertMinutes: number,
): { alert: AlertKind | null; alertAt: Date | null } {
  const deadline = alertDeadline(c, alertMinutes);
  if (deadline === null) return { alert: null, alertAt: null };
  if (now.getTime() >= deadline.at.getTime()) return { alert: deadline.kind, alertAt: null };
  return { alert: c.assigneeId === null ? 'unclaimed' : null, alertAt: deadline.at };
}

/** Why a public reply is refused, or null when the sender may text the customer. */
export function publicReplyRefusal(
  c: { status: string; assigneeId: string | null },
  senderId: string,
): 'not-claimed' | 'claimed' | null {
  if (c.assigneeId === null) return 'not-claimed';
  if (c.assigneeId !== senderId) return 'claimed';
  return null;
}
