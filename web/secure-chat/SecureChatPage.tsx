import { Box, Container, Group, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { CustomerInviteOut } from '../../contracts/secure-invites';
import { FullPageError, FullPageLoader } from '../ui/FullPage';
import { useApi } from '../ui/Providers';
import { ApiError } from '../ui/problem';
import { ChatView } from './ChatView';
import { CodeStep } from './CodeStep';
import { GoneState } from './GoneState';
import { linkApi } from './model';

/** The link's state: what the page shows (404/410 are answers, not failures). */
export function useLinkState(token: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['secure-chat', token],
    queryFn: async () => {
      const state = await api.get<CustomerInviteOut>(linkApi(token));
      api.setCsrfToken(state.csrfToken ?? undefined);
      return state;
    },
    enabled: token !== '',
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * The customer's secure chat (/m/<token>): opened from the texted link, verified with a texted
 * code on this device, then the chat itself, which takes the place of the text conversation.
 */
export function SecureChatPage({ token }: { token: string }) {
  const state = useLinkState(token);
  const unusable =
    token === '' ||
    (state.error instanceof ApiError && (state.error.status === 404 || state.error.status === 410));
  if (!unusable && state.isPending) return <FullPageLoader />;
  if (!unusable && state.error) return <FullPageError error={state.error} onRetry={() => state.refetch()} />;
  const slug =
    state.error instanceof ApiError ? state.error.problem.type.replace('/problems/', '') : undefined;
  return (
    <Container size={560} px="sm" py="md" component="main" id="main" mih="100dvh">
      <Group gap="xs" mb="sm" wrap="nowrap">
        <IconLock aria-hidden size={22} />
        <Box>
          <Title order={1} size="h3">
            Secure chat{state.data ? ` with ${state.data.business}` : ''}
          </Title>
          <Text size="sm" c="dimmed">
            Private and encrypted. Nothing here is sent by text message.
          </Text>
        </Box>
      </Group>
      {unusable || !state.data ? (
        <GoneState slug={slug} />
      ) : state.data.status === 'joined' ? (
        <ChatView token={token} />
      ) : (
        <CodeStep token={token} state={state.data} />
      )}
    </Container>
  );
}
