import { Anchor, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Page } from '../../../contracts/page';
import { LoadError } from '../../ui/LoadStates';
import { PageHeader } from '../../ui/PageHeader';
import { useApi } from '../../ui/Providers';
import { AuditLogCard } from '../settings/AuditLogCard';
import { useAdminUsers, useFirmSettings, useTeams } from './queries';

/** The administrator's landing page: the firm at a glance, with the way to each admin screen. */
export function OverviewPage() {
  const api = useApi();
  const users = useAdminUsers();
  const teams = useTeams();
  const settings = useFirmSettings();
  const matters = useQuery({
    queryKey: ['matters', 'list', { status: 'open' }],
    queryFn: () => api.get<Page<{ id: string }>>('/api/v1/matters?status=open&limit=200'),
  });
  const chats = useQuery({
    queryKey: ['conversations', 'list', { kind: 'secure_chat', overview: true }],
    queryFn: () =>
      api.get<Page<{ id: string; status: string; unreadCount: number }>>(
        '/api/v1/conversations?kind=secure_chat&limit=200',
      ),
  });
  const failed = [users, teams, matters, chats, settings].find((q) => q.isError);
  const count = (n: number | undefined) => (n === undefined ? '…' : String(n));
  const openChats = chats.data?.items.filter((c) => c.status !== 'ended');
  return (
    <>
      <PageHeader title="Overview" description="Your firm in Parley at a glance." />
      <Stack gap="lg">
        {failed && (
          <LoadError
            title="Part of the overview could not be loaded"
            error={failed.error}
            onRetry={() => failed.refetch()}
          />
        )}
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Stat
            label="Active users"
            value={count(users.data?.items.filter((u) => u.active).length)}
            to="/admin/users"
          >
            Manage users
          </Stat>
          <Stat label="Open matters" value={count(matters.data?.items.length)} to="/matters">
            See matters
          </Stat>
          <Stat label="Secure chats" value={count(openChats?.length)} to="/settings">
            {settings.data?.secureChatEnabled === false ? 'Secure Chat is off' : 'Secure Chat settings'}
          </Stat>
          <Stat label="Teams and circles" value={count(teams.data?.items.length)} to="/admin/teams">
            Manage teams
          </Stat>
        </SimpleGrid>
        <AuditLogCard />
      </Stack>
    </>
  );
}

function Stat({
  label,
  value,
  to,
  children,
}: {
  label: string;
  value: string;
  to: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder radius="lg" p="md">
      <Text size="xs" tt="uppercase" fw={600} c="dimmed">
        {label}
      </Text>
      <Title order={2} size="h1" my={4}>
        {value}
      </Title>
      <Anchor component={Link} to={to} size="sm">
        {children}
      </Anchor>
    </Paper>
  );
}
