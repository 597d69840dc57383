import {
  Alert,
  Badge,
  Button,
  Divider,
  Group,
  Modal,
  NativeSelect,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle, IconArchive, IconTrash, IconUserMinus, IconUserPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { ConversationDetailOut, MemberOut } from '../../../contracts/conversations';
import { useApi } from '../../ui/Providers';
import { describeError } from '../../ui/problem';
import { useMatter } from '../matters/queries';
import { formatPhone } from './model';
import { chatKeys, useUsers } from './queries';

/**
 * The users and contacts of a thread. Its creator (the server's abilities decide) adds firm users or contacts
 * linked to the matter, removes members, mutes them, and may end or delete the thread from here.
 */
export function ManageMembersDialog({
  opened,
  onClose,
  conversation,
  myId,
  onEnd,
  onDelete,
}: {
  opened: boolean;
  onClose: () => void;
  conversation: ConversationDetailOut;
  myId?: string;
  onEnd: () => void;
  onDelete: () => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { abilities } = conversation;
  const open = conversation.status === 'open';
  const path = `/api/v1/conversations/${encodeURIComponent(conversation.id)}`;
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: chatKeys.detail(conversation.id) });
    void queryClient.invalidateQueries({ queryKey: chatKeys.lists });
  };

  const removeMember = useMutation({
    mutationFn: (m: MemberOut) => api.delete(`${path}/members/${encodeURIComponent(m.id)}`),
    onSuccess: refresh,
  });
  const muteMember = useMutation({
    mutationFn: ({ member, muted }: { member: MemberOut; muted: boolean }) =>
      api.put(`${path}/mute`, member.id === myId ? { muted } : { muted, memberId: member.id }),
    onSuccess: refresh,
  });
  const failure = removeMember.error ?? muteMember.error;

  // The seed's mobile app cannot edit membership; at phone width the dialog is read-only too.
  const phoneWidth = useMediaQuery('(max-width: 47.99em)') ?? false;
  const canManage = abilities.manageMembers && !phoneWidth;
  const users = conversation.members.filter((m) => m.type === 'user');
  const client = conversation.contact;
  const contacts: MemberOut[] = [
    ...(client && !conversation.members.some((m) => m.type === 'contact' && m.id === client.id)
      ? [
          {
            id: client.id,
            type: 'contact' as const,
            name: client.name,
            role: 'client',
            muted: false,
            lastReadMessageId: null,
          },
        ]
      : []),
    ...conversation.members.filter((m) => m.type === 'contact'),
  ];

  return (
    <Modal opened={opened} onClose={onClose} title="Manage Members" size="lg" centered>
      <Stack gap="md">
        <MemberTable
          caption="Users"
          members={users}
          myId={myId}
          canManage={canManage}
          onMute={(member, muted) => muteMember.mutate({ member, muted })}
          onRemove={(member) => removeMember.mutate(member)}
          busy={removeMember.isPending || muteMember.isPending}
        />
        <Text size="sm" c="dimmed" data-testid="contacts-explainer">
          {client
            ? `${client.name} is the client being texted${conversation.contactPhone ? ` at ${formatPhone(conversation.contactPhone)}` : ''}. `
            : ''}
          Contacts added from the matter are “Texts only” members: they receive the thread’s texts at the
          first phone number on their contact record (none without one), and their replies appear here. They
          never see the thread in Parley, nor anyone else’s replies.
        </Text>
        <MemberTable
          caption="Contacts"
          members={contacts}
          myId={myId}
          canManage={canManage}
          onMute={(member, muted) => muteMember.mutate({ member, muted })}
          onRemove={(member) => removeMember.mutate(member)}
          busy={removeMember.isPending || muteMember.isPending}
        />
        {failure && (
          <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" title="That did not work">
            {describeError(failure)}
          </Alert>
        )}
        {canManage && open && <AddMember conversation={conversation} onAdded={refresh} />}
        {abilities.manageMembers && phoneWidth && (
          <Text size="sm" c="dimmed">
            Membership is changed on a larger screen.
          </Text>
        )}
        {!abilities.manageMembers && (
          <Text size="sm" c="dimmed">
            Only the thread’s creator can add, remove or mute members.
          </Text>
        )}
        {(abilities.end || abilities.delete) && (
          <>
            <Divider />
            <Group justify="space-between" gap="sm">
              <Text size="sm" c="dimmed" maw={300}>
                {open
                  ? 'Ending unlinks the thread from texting and keeps it archived.'
                  : 'This thread has ended and is archived.'}
              </Text>
              <Group gap="sm">
                {abilities.end && open && (
                  <Button
                    variant="default"
                    leftSection={<IconArchive size={16} aria-hidden />}
                    onClick={() => {
                      onClose();
                      onEnd();
                    }}
                  >
                    End Thread
                  </Button>
                )}
                {abilities.delete && (
                  <Button
                    variant="outline"
                    color="red.9"
                    leftSection={<IconTrash size={16} aria-hidden />}
                    onClick={() => {
                      onClose();
                      onDelete();
                    }}
                  >
                    Delete Thread
                  </Button>
                )}
              </Group>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

function MemberTable({
  caption,
  members,
  myId,
  canManage,
  onMute,
  onRemove,
  busy,
}: {
  caption: string;
  members: MemberOut[];
  myId?: string;
  canManage: boolean;
  onMute: (member: MemberOut, muted: boolean) => void;
  onRemove: (member: MemberOut) => void;
  busy: boolean;
}) {
  return (
    <Stack gap={4}>
      <Title order={3} size="h6">
        {caption}
      </Title>
      {members.length === 0 ? (
        <Text size="sm" c="dimmed">
          {caption === 'Contacts' ? 'No contacts in this thread.' : 'No users in this thread.'}
        </Text>
      ) : (
        <Table verticalSpacing={6} aria-label={caption}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Name</Table.Th>
              <Table.Th scope="col">Muted</Table.Th>
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((m) => {
              const me = m.type === 'user' && m.id === myId;
              const creator = m.role === 'creator';
              return (
                <Table.Tr key={`${m.type}:${m.id}`}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {m.name}
                        {me ? ' (you)' : ''}
                      </Text>
                      {creator && (
                        <Badge size="xs" variant="light" tt="none">
                          Creator
                        </Badge>
                      )}
                      {m.role === 'client' && (
                        <Badge size="xs" variant="light" color="parley" tt="none">
                          Texted
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {m.type === 'user' && (canManage || me) ? (
                      <Switch
                        size="sm"
                        aria-label={`Mute ${m.name}`}
                        checked={m.muted}
                        disabled={busy}
                        onChange={(e) => onMute(m, e.currentTarget.checked)}
                      />
                    ) : (
                      <Text size="sm" c="dimmed">
                        {m.type === 'contact' ? 'Texts only' : m.muted ? 'Yes' : 'No'}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    {canManage && !creator && m.role !== 'client' && (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        color="red"
                        styles={{ label: { color: 'var(--mantine-color-red-9)' } }}
                        leftSection={<IconUserMinus size={14} aria-hidden />}
                        aria-label={`Remove ${m.name}`}
                        disabled={busy}
                        onClick={() => onRemove(m)}
                      >
                        Remove
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

/** Adds a firm user, or a contact linked to the thread's matter (read from the matter itself). */
function AddMember({ conversation, onAdded }: { conversation: ConversationDetailOut; onAdded: () => void }) {
  const api = useApi();
  const users = useUsers();
  const matter = useMatter(conversation.matterId ?? '', Boolean(conversation.matterId));
  const [type, setType] = useState<'user' | 'contact'>('user');
  const [candidate, setCandidate] = useState('');
  const memberIds = new Set(conversation.members.map((m) => m.id));
  const options =
    type === 'user'
      ? (users.data?.items ?? [])
          .filter((u) => !memberIds.has(u.id))
          .map((u) => ({ value: u.id, label: u.name }))
      : (matter.data?.contacts ?? [])
          .filter((c) => !memberIds.has(c.id))
          .map((c) => ({ value: c.id, label: c.name }));

  const add = useMutation({
    mutationFn: () =>
      api.post(
        `/api/v1/conversations/${encodeURIComponent(conversation.id)}/members`,
        type === 'user' ? { userId: candidate } : { contactId: candidate },
      ),
    onSuccess: () => {
      setCandidate('');
      onAdded();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (candidate) add.mutate();
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <Title order={3} size="h6">
          Add member
        </Title>
        <SegmentedControl
          value={type}
          onChange={(v) => {
            setType(v as 'user' | 'contact');
            setCandidate('');
            add.reset();
          }}
          data={[
            { value: 'user', label: 'User' },
            { value: 'contact', label: 'Contact on this matter' },
          ]}
          aria-label="Kind of member to add"
        />
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <NativeSelect
            style={{ flex: 1 }}
            label={type === 'user' ? 'User' : 'Contact'}
            value={candidate}
            onChange={(e) => {
              setCandidate(e.currentTarget.value);
              add.reset();
            }}
            data={[
              {
                value: '',
                label: options.length
                  ? type === 'user'
                    ? 'Choose a user'
                    : 'Choose a contact'
                  : type === 'user'
                    ? 'Every user is already a member'
                    : 'Every linked contact is already a member',
              },
              ...options,
            ]}
          />
          <Button
            type="submit"
            leftSection={<IconUserPlus size={16} aria-hidden />}
            loading={add.isPending}
            disabled={!candidate}
          >
            Add member
          </Button>
        </Group>
        {add.isError && (
          <Alert
            color="red"
            icon={<IconAlertCircle aria-hidden />}
            role="alert"
            title="The member was not added"
          >
            {describeError(add.error)}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
