import {
  Alert,
  Box,
  Button,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconAlertCircle, IconMessageCircle, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { EmptyState } from '../../ui/EmptyState';
import { Spinner } from '../../ui/LoadStates';
import { describeError } from '../../ui/problem';
import { ChatView } from './ChatView';
import { type ChatPartner, CreateThreadDialog } from './CreateThreadDialog';
import { type ThreadFilter, useSecureChats } from './queries';
import { type ChatScope, secureChatPath } from './scope';
import { ThreadList } from './ThreadList';

/**
 * The Secure Chat tab of a matter or of a contact, and the Inbox: the threads on the left ("Create new" on
 * top, except in the Inbox, where a thread has no matter to start from), the open thread on the right. On a
 * phone only one of the two shows at a time.
 */
export function SecureChatTab({
  scope,
  partners,
  conversationId,
}: {
  scope: ChatScope;
  /**
   * What a new thread may be started with: the matter's linked contacts, or the contact's matters; in the
   * Inbox, the matters that name its threads.
   */
  partners: ChatPartner[];
  conversationId?: string;
}) {
  const [status, setStatus] = useState<ThreadFilter['status']>('open');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const threads = useSecureChats(scope, { status, q });
  const onMatter = 'matterId' in scope;
  const inInbox = 'inbox' in scope;
  const matterNames = onMatter ? undefined : new Map(partners.map((p) => [p.id, p.name]));
  // "Start a new thread" from a text after an ended thread lands here with the client and phone.
  const [params, setParams] = useSearchParams();
  const start = onMatter ? params.get('start') : null;
  const startPhone = params.get('phone');
  const [creating, { open, close }] = useDisclosure(Boolean(start));
  const closeCreate = () => {
    close();
    if (start) setParams({}, { replace: true });
  };
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
            {!inInbox && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open}>
                Create new
              </Button>
            )}
            <Title order={2} size="h5" c="dimmed">
              Threads
            </Title>
          </Group>
          <SegmentedControl
            aria-label="Which threads"
            value={status}
            onChange={(v) => setStatus(v as ThreadFilter['status'])}
            data={[
              { value: 'open', label: 'Open' },
              { value: 'ended', label: 'Ended' },
              { value: 'all', label: 'All' },
            ]}
            fullWidth
            size="xs"
          />
          <TextInput
            type="search"
            aria-label="Search threads by client name or number"
            placeholder="Search by client name or number"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
          />
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
            ) : threads.data.items.length === 0 && (q.trim() || status !== 'open') ? (
              <EmptyState icon={<IconSearch size={28} />} title="No threads match">
                {q.trim()
                  ? `No ${status === 'all' ? '' : `${status} `}thread with a client named or numbered “${q.trim()}”.`
                  : status === 'ended'
                    ? 'No thread here has ended yet.'
                    : 'No thread yet.'}
              </EmptyState>
            ) : threads.data.items.length === 0 ? (
              <EmptyState icon={<IconMessageCircle size={28} />} title="No secure chats yet">
                {inInbox
                  ? 'Secure chats you start on a matter, or are added to, are listed here with their unread messages. Start one from a matter’s Secure Chat tab.'
                  : onMatter
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
                {inInbox
                  ? 'Pick a thread on the left to read it and reply.'
                  : 'Pick a thread on the left to read it and reply, or start a new one.'}
              </EmptyState>
            </Box>
          </Paper>
        )}
      </Grid.Col>
      {!('inbox' in scope) && (
        <CreateThreadDialog
          scope={scope}
          partners={partners}
          opened={creating}
          initial={start ? { partnerId: start, phone: startPhone } : undefined}
          onClose={closeCreate}
          onCreated={(id) => {
            close();
            navigate(secureChatPath(scope, id));
          }}
        />
      )}
    </Grid>
  );
}
