import { Anchor, Badge, Button, Group, Paper, Table } from '@mantine/core';
import { IconBriefcase, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Matter } from '../../../contracts/matters';
import type { Page } from '../../../contracts/page';
import { EmptyState } from '../../ui/EmptyState';
import { LoadError, Loading } from '../../ui/LoadStates';
import { PageHeader } from '../../ui/PageHeader';
import { useApi } from '../../ui/Providers';
import { MatterFormDialog } from '../matters/MatterFormDialog';
import { matterPath } from '../matters/queries';

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

/** The matters the user may see, newest first. */
export function MattersPage() {
  const api = useApi();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const matters = useQuery({
    queryKey: ['matters', 'list'],
    queryFn: () => api.get<Page<Matter>>('/api/v1/matters?limit=100'),
  });

  return (
    <>
      <PageHeader title="Matters" description="The matters you own, work on or may see, newest first." />
      <Group justify="flex-end" mb="md">
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          New matter
        </Button>
      </Group>
      <MatterFormDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onSaved={(m) => {
          setCreating(false);
          navigate(matterPath(m.id));
        }}
      />
      <Paper withBorder radius="lg">
        {matters.isPending ? (
          <Loading label="Loading matters" />
        ) : matters.isError ? (
          <LoadError
            m="md"
            title="Matters could not be loaded"
            error={matters.error}
            onRetry={() => matters.refetch()}
          />
        ) : matters.data.items.length === 0 ? (
          <EmptyState icon={<IconBriefcase size={28} />} title="No matters yet">
            Matters you own or are assigned to will be listed here with their linked clients.
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
              <Table.Caption>
                {matters.data.items.length === 1 ? '1 matter' : `${matters.data.items.length} matters`}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Number</Table.Th>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Clients</Table.Th>
                  <Table.Th scope="col">Opened</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {matters.data.items.map((m) => (
                  // The name is the link (keyboard, screen readers); the whole row is a mouse target too.
                  <Table.Tr
                    key={m.id}
                    onClick={() => navigate(matterPath(m.id))}
                    style={{ cursor: 'pointer' }}
                  >
                    <Table.Td ff="monospace">{m.number}</Table.Td>
                    <Table.Td fw={500}>
                      <Anchor
                        component={Link}
                        to={matterPath(m.id)}
                        fw={500}
                        onClick={(e) => e.stopPropagation()}
                      >
                        {m.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={m.status === 'open' ? 'parley' : 'gray'} tt="none">
                        {m.status === 'open' ? 'Open' : 'Closed'}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{m.contactIds.length}</Table.Td>
                    <Table.Td>{dateFormat.format(new Date(m.createdAt))}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  );
}
