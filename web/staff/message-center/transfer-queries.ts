import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgentOut, TransferMode, TransferOut } from '../../../contracts/transfers';
import { useApi } from '../../ui/Providers';
import { chatKeys } from '../secure-chat/queries';
import { mcKeys } from './queries';

/**
 * Query keys. The transfer log lives under ['conversations'], so every conversation and message event
 * refetches it (a transfer announces itself as conversation.updated); the agents list lives under
 * ['presence'], which presence.updated makes stale.
 */
export const transferKeys = {
  log: (id: string) => ['conversations', 'message-center', 'transfers', id] as const,
  agents: ['presence', 'agents'] as const,
};

/** The transfer log of a conversation, oldest first. */
export function useTransfers(conversationId: string) {
  const api = useApi();
  return useQuery({
    queryKey: transferKeys.log(conversationId),
    queryFn: () =>
      api.get<{ items: TransferOut[] }>(
        `/api/v1/conversations/${encodeURIComponent(conversationId)}/transfers`,
      ),
  });
}

/** The firm's Message Center agents, with their teams and whether they are online. */
export function useAgents(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: transferKeys.agents,
    queryFn: () => api.get<{ items: AgentOut[] }>('/api/v1/message-center/agents'),
    enabled,
    // Presence rows lapse without an event when a server dies: look again now and then.
    refetchInterval: 60_000,
  });
}

/** What a transfer asks for. */
export interface TransferRequest {
  mode: TransferMode;
  toUserId?: string;
  toTeamId?: string;
  note?: string;
}

/** Transfer, and answer a pending warm transfer (accept, decline, cancel); each refreshes the conversation. */
export function useTransferActions(conversationId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const path = `/api/v1/conversations/${encodeURIComponent(conversationId)}/transfer`;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: chatKeys.detail(conversationId) });
    void queryClient.invalidateQueries({ queryKey: mcKeys.all });
    void queryClient.invalidateQueries({ queryKey: chatKeys.messages(conversationId) });
  };
  const transfer = useMutation({
    mutationFn: (r: TransferRequest) => api.post<TransferOut>(path, r),
    onSuccess: refresh,
  });
  const answer = useMutation({
    mutationFn: (a: 'accept' | 'decline' | 'cancel') => api.post<TransferOut>(`${path}/${a}`),
    onSettled: refresh,
  });
  return { transfer, answer };
}
