import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAddressBook, IconPlus, IconSearch } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { Contact } from '../../../contracts/contacts';
import { EmptyState } from '../../ui/EmptyState';
import { LoadError, Loading, Spinner } from '../../ui/LoadStates';
import { PageHeader } from '../../ui/PageHeader';
import { describeError } from '../../ui/problem';
import { formatPhone } from '../secure-chat/model';
import { ContactFormDialog } from './ContactFormDialog';
import { portalWords } from './model';
import { contactKeys, contactPath, useContactList } from './queries';

/** `/contacts`: the firm's contacts by name, a search box, "Load more" paging and "New contact". */
export function ContactsPage() {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const contacts = useContactList(q);
  const [creating, { open, close }] = useDisclosure(false);
  const items = contacts.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <PageHeader title="Contacts" description="The firm’s clients and other people you work with." />
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={open} mb="md">
          New contact
        </Button>
      </Group>
      <Stack gap="md">
        <TextInput
          type="search"
          label="Search contacts"
          description="By name, e-mail address or phone number"
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={
            contacts.isFetching && !contacts.isFetchingNextPage ? (
              <Spinner size={14} label="Searching" />
            ) : undefined
          }
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          maw={420}
        />
        <Paper withBorder radius="lg">
          {contacts.isPending ? (
            <Loading label="Loading contacts" />
          ) : contacts.isError && items.length === 0 ? (
            <LoadError
              m="md"
              title="Contacts could not be loaded"
              error={contacts.error}
              onRetry={() => contacts.refetch()}
            />
          ) : items.length === 0 ? (
            q ? (
              <EmptyState icon={<IconSearch size={28} />} title="No matching contacts">
                Nobody’s name, e-mail address or phone number contains “{q}”. Check the spelling or search for
                part of it.
              </EmptyState>
            ) : (
              <EmptyState icon={<IconAddressBook size={28} />} title="No contacts yet">
                Use “New contact” to add a client with their phone numbers and e-mail addresses.
              </EmptyState>
            )
          ) : (
            <ContactTable
              contacts={items}
              more={Boolean(contacts.hasNextPage)}
              loadingMore={contacts.isFetchingNextPage}
              loadMoreError={contacts.isFetchNextPageError ? contacts.error : null}
              onLoadMore={() => contacts.fetchNextPage()}
            />
          )}
        </Paper>
      </Stack>
      <ContactFormDialog
        opened={creating}
        onClose={close}
        onSaved={(created) => {
          close();
          void queryClient.invalidateQueries({ queryKey: contactKeys.all });
          queryClient.setQueryData(contactKeys.detail(created.id), created);
          notifications.show({
            color: 'teal',
            title: 'Contact created',
            message: `${created.name} is in your contacts.`,
          });
        }}
      />
    </>
  );
}

function ContactTable({
  contacts,
  more,
  loadingMore,
  loadMoreError,
  onLoadMore,
}: {
  contacts: Contact[];
  more: boolean;
  loadingMore: boolean;
  loadMoreError: Error | null;
  onLoadMore: () => void;
}) {
  const navigate = useNavigate();
  return (
    <>
      <Table.ScrollContainer minWidth={320}>
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Caption>
            {contacts.length === 1 ? '1 contact' : `${contacts.length} contacts`}
            {more ? ' shown, more below' : ''}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Phone</Table.Th>
              {/* On a phone the name and number are what one looks for; the rest is on the contact's page. */}
              <Table.Th scope="col" visibleFrom="sm">
                E-mail
              </Table.Th>
              <Table.Th scope="col" visibleFrom="xs">
                Client portal
              </Table.Th>
              <Table.Th scope="col" visibleFrom="sm">
                Matters
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {contacts.map((c) => (
              // The name is the link (keyboard, screen readers); the whole row is a mouse target too.
              <Table.Tr key={c.id} onClick={() => navigate(contactPath(c.id))} style={{ cursor: 'pointer' }}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor
                    component={Link}
                    to={contactPath(c.id)}
                    fw={500}
                    onClick={(e) => e.stopPropagation()}
                  >
                    {c.name}
                  </Anchor>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <FirstOf items={c.phones.map((p) => formatPhone(p.number))} none="No phone" />
                </Table.Td>
                <Table.Td visibleFrom="sm">
                  <FirstOf items={c.emails.map((e) => e.address)} none="No e-mail" />
                </Table.Td>
                <Table.Td visibleFrom="xs">
                  <Badge variant="light" color={c.portal.status === 'active' ? 'parley' : 'gray'} tt="none">
                    {portalWords[c.portal.status]}
                  </Badge>
                </Table.Td>
                <Table.Td visibleFrom="sm">{c.matterIds.length}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {(more || loadMoreError) && (
        <Stack align="center" gap="xs" p="md">
          {loadMoreError && (
            <Text size="sm" c="red.8" role="alert">
              More contacts could not be loaded: {describeError(loadMoreError)}
            </Text>
          )}
          <Button variant="default" loading={loadingMore} onClick={onLoadMore}>
            {loadMoreError ? 'Try again' : 'Load more'}
          </Button>
        </Stack>
      )}
    </>
  );
}

/** The first entry and how many more there are, e.g. "+1 202 555 0143 (+1 more)". */
function FirstOf({ items, none }: { items: string[]; none: string }) {
  const [first] = items;
  if (first === undefined)
    return (
      <Text span size="sm" c="dimmed">
        {none}
      </Text>
    );
  return (
    <Text span size="sm">
      {first}
      {items.length > 1 && (
        <Text span size="xs" c="dimmed">
          {' '}
          +{items.length - 1}
          <VisuallyHidden> more</VisuallyHidden>
        </Text>
      )}
    </Text>
  );
}
