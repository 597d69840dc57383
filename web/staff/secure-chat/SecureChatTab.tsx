import { Alert, Box, Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertCircle, IconMessageCircle, IconPlus } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { EmptyState } from '../../ui/EmptyState';
import { Spinner } from '../../ui/LoadStates';
import { describeError } from '../../ui/problem';
import { ChatView } from './ChatView';
import { type ChatPartner, CreateThreadDialog } from './CreateThreadDialog';
import { useSecureChats } from './queries';
import { type ChatScope, secureChatPath } from './scope';
import { ThreadList } from './ThreadList';

/**
 * The Secure Chat tab of a matter or of a contact: the threads on the left ("Create new" on top), the open
 * thread on the right. On a phone only one of the two shows at a time.
 */
export function SecureChatTab({
  scope,
  partners,
  conversationId,
}: {
  scope: ChatScope;
  /** What a new thread may be started with: the matter's linked contacts, or the contact's matters. */
  partners: ChatPartner[];
  conversationId?: string;
}) {
  const threads = useSecureChats(scope);
  const onMatter = 'matterId' in scope;
  const matterNames = onMatter ? undefined : new Map(partners.map((p) => [p.id, p.name]));
  const [creating, { open, close }] = useDisclosure(false);
  const navigate = useNavigate();
  const selected = threads.data?.items.find((t) => t.id === conversationId);

  return (
    <Grid gap="md">
      <Grid.Col
        span={{ base: 12, md: 4 }}
        display={conversationId ? { base: 'none', md: 'block' } : undefined}
      >
        <Stack gap="sm">
          <Group justify="space-between" wrap="nowrap">
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
              Create new
            </Button>
            <Title order={2} size="h5" c="dimmed">
              Threads
            </Title>
          </Group>
          <Paper withBorder radius="lg" p={4}>
            {threads.isPending ? (
              <Group justify="center" py="xl">
                <Spinner size="sm" label="Loading threads" />
              </Group>
            ) : threads.isError ? (
              <Alert
                m="xs"
                color="red"
                icon={<IconAlertCircle aria-hidden />}
                title="Threads could not be loaded"
                role="alert"
              >
                <Text size="sm" mb="sm">
                  {describeError(threads.error)}
                </Text>
                <Button size="xs" variant="white" color="red" onClick={() => threads.refetch()}>
                  Try again
                </Button>
              </Alert>
            ) : threads.data.items.length === 0 ? (
              <EmptyState icon={<IconMessageCircle size={28} />} title="No secure chats yet">
                {onMatter
                  ? 'Use “Create new” to text a client linked to this matter from a secure firm number.'
                  : 'Use “Create new” to text this client about one of their matters from a secure firm number.'}
              </EmptyState>
            ) : (
              <ThreadList
                scope={scope}
                threads={threads.data.items}
                selectedId={conversationId}
                matterNames={matterNames}
              />
            )}
          </Paper>
        </Stack>
      </Grid.Col>
      <Grid.Col
        span={{ base: 12, md: 8 }}
        display={conversationId ? undefined : { base: 'none', md: 'block' }}
      >
        {conversationId ? (
          <ChatView
            key={conversationId}
            scope={scope}
            conversationId={conversationId}
            summary={selected}
            matterNames={matterNames}
          />
        ) : (
          <Paper withBorder radius="lg">
            <Box py="xl">
              <EmptyState icon={<IconMessageCircle size={28} />} title="No thread selected">
                Pick a thread on the left to read it and reply, or start a new one.
              </EmptyState>
            </Box>
          </Paper>
        )}
      </Grid.Col>
      <CreateThreadDialog
        scope={scope}
        partners={partners}
        opened={creating}
        onClose={close}
        onCreated={(id) => {
          close();
          navigate(secureChatPath(scope, id));
        }}
      />
    </Grid>
  );
}
