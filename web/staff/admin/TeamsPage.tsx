import { Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { IconPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyState } from '../../ui/EmptyState';
import { LoadError, Loading } from '../../ui/LoadStates';
import { PageHeader } from '../../ui/PageHeader';
import { type Team, useAdminUsers, useTeams } from './queries';
import { TeamDialog } from './TeamDialog';

/** Teams (Message Center routing) and circles (groups people write to), with their members. */
export function TeamsPage() {
  const teams = useTeams();
  const users = useAdminUsers();
  const [editing, setEditing] = useState<Team | null>(null);
  const [creating, setCreating] = useState(false);
  const nameOf = new Map((users.data?.items ?? []).map((u) => [u.id, u.name]));
  return (
    <>
      <PageHeader
        title="Teams and circles"
        description="Groups of colleagues, for routing and for addressing."
      />
      <Group justify="flex-end" mb="md">
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          New team or circle
        </Button>
      </Group>
      <Paper withBorder radius="lg">
        {teams.isPending ? (
          <Loading label="Loading teams" />
        ) : teams.isError ? (
          <LoadError
            m="md"
            title="Teams could not be loaded"
            error={teams.error}
            onRetry={() => teams.refetch()}
          />
        ) : teams.data.items.length === 0 ? (
          <EmptyState icon={<IconUsersGroup size={28} />} title="No teams or circles yet">
            Create a team to route Message Center conversations, or a circle people can write to.
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={340}>
            <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Teams and circles">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Members</Table.Th>
                  <Table.Th scope="col">
                    <Text span size="sm" fw={700} visibleFrom="sm">
                      Actions
                    </Text>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {teams.data.items.map((team) => (
                  <Table.Tr key={team.id}>
                    <Table.Td>
                      <Text fw={500} size="sm">
                        {team.name}
                      </Text>
                      <Badge variant="light" color="gray" tt="none" size="sm">
                        {team.kind === 'team' ? 'Team' : 'Circle'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {team.memberIds.length === 0
                          ? 'Nobody yet'
                          : team.memberIds.map((id) => nameOf.get(id) ?? 'Unknown user').join(', ')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(team)}
                        aria-label={`Edit members of ${team.name}`}
                      >
                        Members
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <TeamDialog
        opened={creating || editing !== null}
        team={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </>
  );
}
