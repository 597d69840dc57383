import { Anchor, Avatar, Badge, Breadcrumbs, Button, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { useDisclosure, useDocumentTitle } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconMessageCircle, IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import type { Contact } from '../../../contracts/contacts';
import { DetailLoadError, Loading } from '../../ui/LoadStates';
import { SecureChatTab } from '../secure-chat/SecureChatTab';
import { secureChatPath } from '../secure-chat/scope';
import { useSecureChatEnabled } from '../settings/use-secure-chat-enabled';
import { LogTimeActions } from '../time/LogTimeActions';
import { ContactFormDialog } from './ContactFormDialog';
import { ContactOverview } from './ContactOverview';
import { initials, portalWords } from './model';
import { contactKeys, contactPath, useContactDetail, useContactMatters } from './queries';

type ContactTab = 'overview' | 'secure-chat';

/** `/contacts/:contactId[/secure-chat[/:conversationId]]`: the contact's header and its tabs. */
export function ContactPage({ tab }: { tab: ContactTab }) {
  const { contactId = '', conversationId } = useParams();
  const contact = useContactDetail(contactId);
  useDocumentTitle(`${contact.data?.name ?? 'Contact'} · Parley`);

  if (contact.isPending) {
    return <Loading label="Loading the contact" />;
  }
  if (contact.isError) {
    return (
      <DetailLoadError
        noun="Contact"
        error={contact.error}
        onRetry={() => contact.refetch()}
        missingText="This contact does not exist."
        back={{ to: '/contacts', label: 'Back to contacts' }}
      />
    );
  }
  return <ContactLoaded contact={contact.data} tab={tab} conversationId={conversationId} />;
}

function ContactLoaded({
  contact,
  tab,
  conversationId,
}: {
  contact: Contact;
  tab: ContactTab;
  conversationId?: string;
}) {
  const navigate = useNavigate();
  const secureChat = useSecureChatEnabled();
  const queryClient = useQueryClient();
  const matters = useContactMatters(contact.id);
  const [editing, { open, close }] = useDisclosure(false);
  const scope = { contactId: contact.id };

  return (
    <>
      <Stack gap="xs" mb="lg">
        <Breadcrumbs aria-label="Breadcrumb">
          <Anchor component={Link} to="/contacts" size="sm">
            Contacts
          </Anchor>
          <Text size="sm" c="dimmed">
            {contact.name}
          </Text>
        </Breadcrumbs>
        <Group justify="space-between" wrap="wrap" gap="sm">
          <Group gap="sm" wrap="nowrap" miw={0}>
            <Avatar color="parley" radius="xl" aria-hidden>
              {initials(contact.name)}
            </Avatar>
            <Title order={1} size="h2">
              {contact.name}
            </Title>
            <Badge variant="light" color={contact.portal.status === 'active' ? 'parley' : 'gray'} tt="none">
              Portal: {portalWords[contact.portal.status]}
            </Badge>
          </Group>
          <Group gap="xs" wrap="wrap">
            <LogTimeActions
              scope={{
                contactId: contact.id,
                matters: (matters.data?.items ?? []).map((m) => ({ id: m.id, name: m.name })),
              }}
            />
            <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={open}>
              Edit contact
            </Button>
          </Group>
        </Group>
      </Stack>
      <Tabs
        value={tab}
        onChange={(value) =>
          navigate(value === 'secure-chat' ? secureChatPath(scope) : contactPath(contact.id))
        }
        keepMounted={false}
      >
        <Tabs.List mb="md" aria-label="Contact sections">
          <Tabs.Tab value="overview" leftSection={<IconInfoCircle size={16} aria-hidden />}>
            Overview
          </Tabs.Tab>
          {secureChat && (
            <Tabs.Tab value="secure-chat" leftSection={<IconMessageCircle size={16} aria-hidden />}>
              Secure Chat
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <ContactOverview contact={contact} matters={matters} />
        </Tabs.Panel>
        <Tabs.Panel value="secure-chat">
          {matters.isPending ? (
            <Loading label="Loading the contact’s matters" />
          ) : (
            <SecureChatTab
              scope={scope}
              partners={(matters.data?.items ?? []).map((m) => ({ id: m.id, name: m.name }))}
              conversationId={conversationId}
            />
          )}
        </Tabs.Panel>
      </Tabs>
      <ContactFormDialog
        opened={editing}
        onClose={close}
        contact={contact}
        onSaved={(saved) => {
          close();
          queryClient.setQueryData(contactKeys.detail(saved.id), saved);
          void queryClient.invalidateQueries({ queryKey: contactKeys.all });
          void queryClient.invalidateQueries({ queryKey: ['matters', 'detail'] });
          notifications.show({
            color: 'teal',
            title: 'Contact saved',
            message: `${saved.name} is up to date.`,
          });
        }}
      />
    </>
  );
}
