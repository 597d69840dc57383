// Pure rules of conversations: message ordering, read state and unread counts.

/** Where a message sits in its conversation: by creation time, ties broken by id. */
export interface MessagePosition {
  createdAt: Date;
  id: string;
}

/** Negative when a is older than b, positive when newer, 0 when the same message. */
export function comparePositions(a: MessagePosition, b: MessagePosition): number {
  const byTime = a.createdAt.getTime() - b.createdAt.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Read state only moves forward: true when next is newer than what was read (or nothing was). */
export function advancesReadState(current: MessagePosition | null, next: MessagePosition): boolean {
  return current === null || comparePositions(next, current) > 0;
}

/** A member's identity and how far it has read. */
export interface MemberReadState {
  type: 'user' | 'contact';
  id: string;
  lastRead: MessagePosition | null;
  lastReadAt: Date | null;
}

/** A message's author, to leave out of its own read receipts. */
export interface AuthorRef {
  authorType: string;
  authorId: string | null;
}

/** Members other than the author who have read the message (their read position is at or past it). */
export function readersOf(message: MessagePosition & AuthorRef, members: readonly MemberReadState[]) {
  return members.filter(
    (m) =>
      !(m.type === message.authorType && m.id === message.authorId) &&
      m.lastRead !== null &&
      comparePositions(m.lastRead, message) >= 0,
  );
}

/**
 * What a new message does to the client's wait for an answer: a client's message starts it (or
 * keeps an earlier start); a public staff message answers it; anything else leaves it. An effect,
 * not a value, so the store can apply it to the row as it is when written, whatever a concurrent
 * send did in between.
 */
export function waitingEffect(message: {
  authorType: string;
  visibility: string;
  kind: string;
}): 'start' | 'clear' | 'keep' {
  if (message.kind !== 'message') return 'keep';
  if (message.authorType === 'contact') return 'start';
  if (message.authorType === 'user' && message.visibility === 'public') return 'clear';
  return 'keep';
}
