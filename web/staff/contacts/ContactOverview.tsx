import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconBriefcase } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Contact } from '../../../contracts/contacts';
import type { Matter } from '../../../contracts/matters';
import type { Page } from '../../../contracts/page';
import { EmptyState } from '../../ui/EmptyState';
import { LoadError, Spinner } from '../../ui/LoadStates';
import { matterPath } from '../matters/queries';
import { formatPhone } from '../secure-chat/model';
import { useUsers } from '../secure-chat/queries';
import { portalWords } from './model';
import { PortalInviteButton } from './PortalInviteButton';

const portalHelp: Record<Contact['portal']['status'], string> = {
  none: 'Has not been invited to the client portal.',
  invited: 'Invited; has not activated the portal yet.',
  active: 'Signs in to the client portal.',
};

/** The Overview tab: how to reach the contact, who looks after them, and the matters they are linked to. */
export function ContactOverview({
  contact,
  matters,
}: {
  contact: Contact;
  matters: UseQueryResult<Page<Matter>>;
}) {
  const users = useUsers();
  const coordinator = contact.coordinatorId
    ? (users.data?.items.find((u) => u.id === contact.coordinatorId)?.name ??
      (users.isPending ? '…' : 'Former user'))
    : null;

  return (
    <Stack gap="md">
      <Paper withBorder radius="lg" p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="lg" verticalSpacing="lg">
          <Fact label="Phone numbers">
            {contact.phones.length === 0 ? (
              <Text size="sm" c="dimmed">
                None on record
              </Text>
            ) : (
              <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }}>
                {contact.phones.map((p) => (
                  <li key={p.number}>
                    <Anchor href={`tel:${p.number}`} size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatPhone(p.number)}
                    </Anchor>
                    {p.label && (
                      <Text span size="sm" c="dimmed">
                        {' '}
                        · {p.label}
                      </Text>
                    )}
                  </li>
                ))}
              </Stack>
            )}
          </Fact>
          <Fact label="E-mail addresses">
            {contact.emails.length === 0 ? (
              <Text size="sm" c="dimmed">
                None on record
              </Text>
            ) : (
              <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }}>
                {contact.emails.map((e) => (
                  <li key={e.address}>
                    <Anchor href={`mailto:${e.address}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {e.address}
                    </Anchor>
                    {e.label && (
                      <Text span size="sm" c="dimmed">
                        {' '}
                        · {e.label}
                      </Text>
                    )}
                  </li>
                ))}
              </Stack>
            )}
          </Fact>
          <Fact label="Postal address">
            {contact.address ? (
              <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                {contact.address}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                None on record
              </Text>
            )}
          </Fact>
          <Fact label="Coordinator">
            {coordinator ? (
              <Text size="sm">{coordinator}</Text>
            ) : (
              <Text size="sm" c="dimmed">
                Nobody assigned
              </Text>
            )}
          </Fact>
          <Fact label="Client portal">
            <Stack gap={4} align="flex-start">
              <Badge variant="light" color={contact.portal.status === 'active' ? 'parley' : 'gray'} tt="none">
                {portalWords[contact.portal.status]}
              </Badge>
              <Text size="xs" c="dimmed">
                {portalHelp[contact.portal.status]}
              </Text>
              <PortalInviteButton contact={contact} />
            </Stack>
          </Fact>
        </SimpleGrid>
      </Paper>
      <Paper withBorder radius="lg" p="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Matters
          </Title>
          <LinkedMatters matters={matters} />
        </Stack>
      </Paper>
    </Stack>
  );
}

function LinkedMatters({ matters }: { matters: UseQueryResult<Page<Matter>> }) {
  if (matters.isPending) {
    return (
      <Group justify="center" py="md">
        <Spinner size="sm" label="Loading matters" />
      </Group>
    );
  }
  if (matters.isError) {
    return (
      <LoadError
        title="Matters could not be loaded"
        error={matters.error}
        onRetry={() => matters.refetch()}
      />
    );
  }
  if (matters.data.items.length === 0) {
    return (
      <EmptyState icon={<IconBriefcase size={28} />} title="No matters you can see">
        This contact is not linked to any matter you own, work on or may see.
      </EmptyState>
    );
  }
  return (
    <Table.ScrollContainer minWidth={300}>
      <Table verticalSpacing="sm" aria-label="Linked matters">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" visibleFrom="xs">
              Number
            </Table.Th>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {matters.data.items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td ff="monospace" visibleFrom="xs" style={{ whiteSpace: 'nowrap' }}>
                {m.number}
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={matterPath(m.id)} fw={500}>
                  {m.name}
                </Anchor>
                {/* Phones have no room for the number's own column. */}
                <Text size="xs" c="dimmed" ff="monospace" hiddenFrom="xs">
                  {m.number}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Badge variant="light" color={m.status === 'open' ? 'parley' : 'gray'} tt="none">
                  {m.status === 'open' ? 'Open' : 'Closed'}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4} miw={0}>
      <Text size="xs" tt="uppercase" fw={600} c="dimmed">
        {label}
      </Text>
      {children}
    </Stack>
  );
}
