/**
 * Where a Secure Chat list lives: on a matter (threads with any of its clients), on a contact (the client's
 * threads across every matter) or in the Inbox (every thread the user may see, across matters and clients).
 * The same components serve all three; the scope decides which threads are listed and where links lead.
 */
export type ChatScope = { matterId: string } | { contactId: string } | { inbox: true };

/** The API filter of the scope's secure chats, as query parameters. */
export function scopeParams(scope: ChatScope): Record<string, string> {
  if ('matterId' in scope) return { matterId: scope.matterId };
  if ('contactId' in scope) return { contactId: scope.contactId };
  return {};
}

/** The Secure Chat tab of the scope, or one of its threads. */
export function secureChatPath(scope: ChatScope, conversationId?: string): string {
  const base =
    'matterId' in scope
      ? `/matters/${encodeURIComponent(scope.matterId)}/secure-chat`
      : 'contactId' in scope
        ? `/contacts/${encodeURIComponent(scope.contactId)}/secure-chat`
        : '/inbox';
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

/** The scopes a thread can be started from: a matter or a contact (the Inbox has neither to start with). */
export type StartScope = Exclude<ChatScope, { inbox: true }>;
