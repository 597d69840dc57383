import './message-center.css';
import { Alert, Box, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertCircle, IconMessages, IconSearch, IconUsers } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import type { ConversationOut } from '../../../contracts/conversations';
import type { DashboardFilter } from '../../../contracts/message-center';
import { EmptyState } from '../../ui/EmptyState';
import { Spinner } from '../../ui/LoadStates';
import { describeError } from '../../ui/problem';
import { useSession } from '../../ui/session';
import { useTeams } from '../admin/queries';
import { formatPhone } from '../secure-chat/model';
import { ME_PATH, type StaffSession } from '../session';
import { AgentsOnlineDialog } from './AgentsOnlineDialog';
import { ConversationTable } from './ConversationTable';
import { ConversationTabs } from './ConversationTabs';
import { FilterBar } from './FilterBar';
import { activateTab, closeTab, FILTERS, noTabs, openTab } from './model';
import { useDashboard, useDashboardCounts } from './queries';
import { useAlertClock } from './use-now';

const EMPTY_TEXT: Record<DashboardFilter, string> = {
  open: 'When a customer texts one of your campaign numbers, the conversation appears here at once.',
  waiting: 'No customer is waiting for an answer right now.',
  unassigned: 'Every open conversation has been claimed.',
  mine: 'You hold no open conversation. Claim one from Open or Unassigned.',
  closed: 'No conversation has been closed yet.',
};

/**
 * The Message Center dashboard: filters with counts, the list of conversations of the caller's teams and,
 * on the right (below it on narrow screens), the conversations opened as tabs. Stream events refetch the
 * list and counts (the shell invalidates ['conversations']), so new texts appear without a reload.
 */
export function MessageCenter() {
  const [filter, setFilter] = useState<DashboardFilter>('open');
  const [teamId, setTeamId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const list = useDashboard({ filter, teamId, q });
  const counts = useDashboardCounts(teamId);
  const teams = useTeams();
  const [tabs, setTabs] = useState(noTabs);
  const [agentsOpen, setAgentsOpen] = useState(false);
  const me = useSession<StaffSession>(ME_PATH).data?.user;
  const paneRef = useRef<HTMLDivElement>(null);
  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const now = useAlertClock(items);
  const summaries = useRef(new Map<string, ConversationOut>());
  for (const c of items) summaries.current.set(c.id, c);

  const teamOptions = (teams.data?.items ?? [])
    .filter((t) => t.kind === 'team')
    .map((t) => ({ value: t.id, label: t.name }));

  const open = (c: ConversationOut) => {
    const title = formatPhone(c.messageCenter?.customerPhone ?? c.contactPhone) || 'Customer';
    setTabs((s) => openTab(s, { id: c.id, title }));
    // Stacked on a narrow screen: bring the pane into view.
    if (window.matchMedia('(max-width: 75em)').matches) {
      requestAnimationFrame(() => paneRef.current?.scrollIntoView({ block: 'start' }));
    }
  };

  const label = FILTERS.find((f) => f.value === filter)?.label ?? '';

  return (
    <div className="mc-layout">
      <Stack gap="sm" miw={0}>
        <Group gap="xs" wrap="wrap" align="flex-end">
          <TextInput
            type="search"
            aria-label="Search by customer number or message"
            placeholder="Search by number or message"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            style={{ flex: '1 1 200px' }}
          />
          {teamOptions.length > 1 && (
            <Select
              aria-label="Team"
              placeholder="All my teams"
              data={teamOptions}
              value={teamId}
              onChange={setTeamId}
              clearable
              w={180}
            />
          )}
          <Button
            variant="light"
            color="blue"
            leftSection={<IconUsers size={16} aria-hidden />}
            onClick={() => setAgentsOpen(true)}
          >
            Agents online
          </Button>
        </Group>
        <FilterBar value={filter} counts={counts.data} onChange={setFilter} />
        <Paper withBorder radius="lg" p={4}>
          {list.isPending ? (
            <Group justify="center" py="xl">
              <Spinner label="Loading conversations" />
            </Group>
          ) : list.isError && !list.data ? (
            <Alert
              m="xs"
              color="red"
              icon={<IconAlertCircle aria-hidden />}
              title="Conversations could not be loaded"
              role="alert"
            >
              <Text size="sm" mb="sm">
                {describeError(list.error)}
              </Text>
              <Button size="xs" variant="white" color="red" onClick={() => list.refetch()}>
                Try again
              </Button>
            </Alert>
          ) : items.length === 0 ? (
            <EmptyState
              icon={<IconMessages size={28} />}
              title={q.trim() ? 'No conversation matches' : `Nothing in ${label}`}
            >
              {q.trim() ? `No ${label.toLowerCase()} conversation with “${q.trim()}”.` : EMPTY_TEXT[filter]}
            </EmptyState>
          ) : (
            <>
              <ConversationTable items={items} now={now} selectedId={tabs.active} onOpen={open} />
              {list.hasNextPage && (
                <Group justify="center" py="xs">
                  <Button
                    variant="subtle"
                    size="xs"
                    loading={list.isFetchingNextPage}
                    onClick={() => list.fetchNextPage()}
                  >
                    Show more
                  </Button>
                </Group>
              )}
            </>
          )}
        </Paper>
      </Stack>
      <Paper
        withBorder
        radius="lg"
        className="mc-pane"
        ref={paneRef}
        component="section"
        aria-label="Conversation"
      >
        {tabs.tabs.length === 0 ? (
          <Box py="xl" my="auto">
            <EmptyState icon={<IconMessages size={28} />} title="No conversation selected">
              Pick a conversation in the list to read it, claim it and reply. Several can be open at once, as
              tabs named by the customer's number.
            </EmptyState>
          </Box>
        ) : (
          <ConversationTabs
            state={tabs}
            summaries={summaries.current}
            onActivate={(id) => setTabs((s) => activateTab(s, id))}
            onClose={(id) => setTabs((s) => closeTab(s, id))}
          />
        )}
      </Paper>
      <AgentsOnlineDialog
        opened={agentsOpen}
        onClose={() => setAgentsOpen(false)}
        myId={me?.id}
        onOpenChat={(id, name) => setTabs((s) => openTab(s, { id, title: `Chat: ${name}` }))}
      />
    </div>
  );
}
