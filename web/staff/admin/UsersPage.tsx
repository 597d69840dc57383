import { Badge, Button, Group, Paper, Table, Text } from '@mantine/core';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { EmptyState } from '../../ui/EmptyState';
import { LoadError, Loading } from '../../ui/LoadStates';
import { PageHeader } from '../../ui/PageHeader';
import { NewUserDialog } from './NewUserDialog';
import { type AdminUser, useAdminUsers } from './queries';
import { UserDialog } from './UserDialog';

/** The firm's staff users: add one, change roles and permissions, reset or deactivate accounts. */
export function UsersPage() {
  const users = useAdminUsers();
  const [adding, setAdding] = useState(false);
  const [managingId, setManagingId] = useState<string | null>(null);
  // The dialog reads the row from the list, so it shows each change as soon as the list refreshes.
  const managing = users.data?.items.find((u) => u.id === managingId) ?? null;
  return (
    <>
      <PageHeader title="Users" description="Who works in Parley, their roles, permissions and accounts." />
      <Group justify="flex-end" mb="md">
        <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setAdding(true)}>
          Add user
        </Button>
      </Group>
      <Paper withBorder radius="lg">
        {users.isPending ? (
          <Loading label="Loading users" />
        ) : users.isError ? (
          <LoadError
            m="md"
            title="Users could not be loaded"
            error={users.error}
            onRetry={() => users.refetch()}
          />
        ) : users.data.items.length === 0 ? (
          <EmptyState icon={<IconUsers size={28} />} title="No users yet">
            Add the people of your firm; each gets a role and the permissions it needs.
          </EmptyState>
        ) : (
          <UserTable users={users.data.items} onManage={setManagingId} />
        )}
      </Paper>
      <NewUserDialog opened={adding} onClose={() => setAdding(false)} />
      <UserDialog user={managing} onClose={() => setManagingId(null)} />
    </>
  );
}

function UserTable({ users, onManage }: { users: AdminUser[]; onManage: (id: string) => void }) {
  return (
    <Table.ScrollContainer minWidth={340}>
      <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Users">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col" visibleFrom="sm">
              Role
            </Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">
              <Text span size="sm" fw={700} visibleFrom="sm">
                Actions
              </Text>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>
                <Text fw={500} size="sm">
                  {u.name}
                </Text>
                <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  {u.email}
                </Text>
              </Table.Td>
              <Table.Td visibleFrom="sm" tt="capitalize">
                {u.role}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge variant="light" color={u.active ? 'parley' : 'gray'} tt="none">
                    {u.active ? 'Active' : 'Deactivated'}
                  </Badge>
                  {u.permissions.includes('secure_chat.view_all') && (
                    <Badge variant="outline" color="gray" tt="none" visibleFrom="sm">
                      All chats
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => onManage(u.id)}
                  aria-label={`Manage ${u.name}`}
                >
                  Manage
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
