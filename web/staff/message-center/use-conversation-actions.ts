import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConversationOut, MessageOut } from '../../../contracts/conversations';
import { useApi } from '../../ui/Providers';
import { ApiError, describeError } from '../../ui/problem';
import type { Message, MessagesData } from '../secure-chat/model';
import { upsertMessage } from '../secure-chat/model';
import { chatKeys } from '../secure-chat/queries';
import type { ChatChannel, ComposeMode } from './Composer';
import { mcKeys } from './queries';

/** The holder a 409 `claimed` names, when someone else was faster. */
export function claimHolder(error: unknown): { id: string; name: string } | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const holder = (error.problem as { holder?: { id: string; name: string } }).holder;
  return holder ?? null;
}

/**
 * What an agent does to a conversation: claim, send a reply or a note (shown at once, marked failed with
 * the reason if the server refuses), close, and opt the customer out. Each refreshes the conversation and
 * the dashboard; the stream tells the other agents.
 */
export function useConversationActions(id: string, me: { id: string; name: string } | undefined) {
  const api = useApi();
  const queryClient = useQueryClient();
  const path = `/api/v1/conversations/${encodeURIComponent(id)}`;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: chatKeys.detail(id) });
    void queryClient.invalidateQueries({ queryKey: mcKeys.all });
  };

  const claim = useMutation({
    mutationFn: () => api.post<ConversationOut>(`${path}/claim`),
    onSettled: refresh,
  });

  const close = useMutation({
    mutationFn: () => api.post<ConversationOut>(`${path}/close`),
    onSuccess: refresh,
  });

  const optOut = useMutation({
    mutationFn: () => api.post(`${path}/opt-out`, {}),
    onSuccess: () => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: mcKeys.consent(id) });
    },
  });

  const send = useMutation({
    mutationFn: (m: { id: string; body: string; mode: ComposeMode | 'internal'; channel?: ChatChannel }) =>
      api.post<MessageOut>(`${path}/messages`, {
        id: m.id,
        body: m.body,
        visibility: m.mode,
        ...(m.mode === 'public' && m.channel ? { channel: m.channel } : {}),
      }),
    onMutate: (m) => {
      const optimistic: Message = {
        id: m.id,
        conversationId: id,
        authorType: 'user',
        authorId: me?.id ?? null,
        authorName: me?.name ?? null,
        body: m.body,
        format: 'text',
        visibility: m.mode,
        kind: 'message',
        source: 'web',
        channel: m.mode === 'public' ? (m.channel ?? null) : null,
        createdAt: new Date().toISOString(),
        attachments: [],
        deliveries: [],
        readBy: [],
        local: 'sending',
      };
      queryClient.setQueryData<MessagesData>(chatKeys.messages(id), (data) =>
        upsertMessage(data, optimistic),
      );
    },
    onSuccess: (stored) => {
      queryClient.setQueryData<MessagesData>(chatKeys.messages(id), (data) => upsertMessage(data, stored));
      void queryClient.invalidateQueries({ queryKey: mcKeys.all });
    },
    onError: (error, m) => {
      queryClient.setQueryData<MessagesData>(chatKeys.messages(id), (data) =>
        upsertMessage(data, { id: m.id, local: 'failed', localError: sendError(error) }),
      );
      // Not claimed any more, opted out, closed: the conversation changed under the agent; show it as it is.
      if (error instanceof ApiError && (error.status === 409 || error.status === 422)) refresh();
    },
  });

  return { claim, close, optOut, send };
}

function sendError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.problem.type.endsWith('not-claimed'))
      return 'Claim the conversation before texting the customer.';
    if (error.problem.type.endsWith('opted-out')) return 'The customer opted out of texts from this number.';
  }
  return describeError(error);
}
