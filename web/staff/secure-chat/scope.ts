/**
 * Where a Secure Chat tab lives: on a matter (threads with any of its clients) or on a contact (the client's
 * threads across every matter). The same components serve both; the scope decides which threads are listed
 * and where links lead.
 */
export type ChatScope = { matterId: string } | { contactId: string };

/** The API filter of the scope's secure chats. */
export function scopeQuery(scope: ChatScope): string {
  return 'matterId' in scope
    ? `matterId=${encodeURIComponent(scope.matterId)}`
    : `contactId=${encodeURIComponent(scope.contactId)}`;
}

/** The Secure Chat tab of the scope, or one of its threads. */
export function secureChatPath(scope: ChatScope, conversationId?: string): string {
  const base =
    'matterId' in scope
      ? `/matters/${encodeURIComponent(scope.matterId)}/secure-chat`
      : `/contacts/${encodeURIComponent(scope.contactId)}/secure-chat`;
  return conversationId ? `${base}/${encodeURIComponent(conversationId)}` : base;
}

/**
 * The matter's Secure Chat tab with "Create new" open and prefilled with a client and one of its
 * phones (from a text after a thread ended).
 */
export function startThreadPath(matterId: string, contactId: string, phone?: string | null): string {
  const query = new URLSearchParams({ start: contactId, ...(phone ? { phone } : {}) });
  return `${secureChatPath({ matterId })}?${query}`;
}
