import { Anchor, Badge, Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Matter } from '../../../contracts/matters';
import { EmptyState } from '../../ui/EmptyState';
import { useApi } from '../../ui/Providers';
import { contactPath } from '../contacts/queries';
import { LinkContactControl } from './LinkContactControl';

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

const portalWords: Record<string, string> = { none: 'No portal', invited: 'Invited', active: 'Active' };

/** The Overview tab: when the matter was opened and the clients linked to it, linked and unlinked here. */
export function MatterOverview({ matter }: { matter: Matter }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const contacts = matter.contacts ?? [];
  const mayLink = matter.abilities?.linkContacts ?? false;
  const unlink = useMutation({
    mutationFn: (contactId: string) =>
      api.delete(
        `/api/v1/matters/${encodeURIComponent(matter.id)}/contacts/${encodeURIComponent(contactId)}`,
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['matters'] });
      void queryClient.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
  return (
    <Paper withBorder radius="lg" p="md">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Opened {dateFormat.format(new Date(matter.createdAt))}
        </Text>
        <Title order={2} size="h4">
          Linked contacts
        </Title>
        {contacts.length === 0 ? (
          <EmptyState icon={<IconUsers size={28} />} title="No linked contacts">
            Link a client to this matter to start a secure chat with them.
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={360}>
            <Table verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Client portal</Table.Th>
                  {mayLink && (
                    <Table.Th scope="col">
                      <Text span size="sm" fw={700} visibleFrom="sm">
                        Link
                      </Text>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {contacts.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={contactPath(c.id)} fw={500}>
                        {c.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="gray" tt="none">
                        {portalWords[c.portal?.status ?? 'none'] ?? c.portal?.status}
                      </Badge>
                    </Table.Td>
                    {mayLink && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          aria-label={`Unlink ${c.name}`}
                          loading={unlink.isPending && unlink.variables === c.id}
                          onClick={() => unlink.mutate(c.id)}
                        >
                          Unlink
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {mayLink && <LinkContactControl matter={matter} />}
      </Stack>
    </Paper>
  );
}
