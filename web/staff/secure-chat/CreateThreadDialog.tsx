import { Alert, Anchor, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { ConversationDetailOut } from '../../../contracts/conversations';
import { Spinner } from '../../ui/LoadStates';
import { useApi } from '../../ui/Providers';
import { ApiError, describeError } from '../../ui/problem';
import { formatPhone, formatWhen } from './model';
import { chatKeys, useContact } from './queries';
import { type StartScope, secureChatPath } from './scope';

/** Something a thread can be started with: a contact (on a matter) or a matter (on a contact). */
export interface ChatPartner {
  id: string;
  name: string;
}

/**
 * "Create new": on a matter, pick one of its linked contacts; on a contact, pick one of the matters it is
 * linked to; then one of the contact's phone numbers. The server chooses the firm number; when the client
 * already has as many open threads as allowed it answers 422 thread-limit, whose explanation (end an old
 * thread) is shown as is.
 */
export function CreateThreadDialog({
  scope,
  partners,
  opened,
  initial,
  onClose,
  onCreated,
}: {
  scope: StartScope;
  /** Prefilled choice (a client and phone to text again after a thread ended). */
  initial?: { partnerId: string; phone?: string | null };
  /** The matter's linked contacts, or the contact's visible matters. */
  partners: ChatPartner[];
  opened: boolean;
  onClose: () => void;
  onCreated: (conversationId: string) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const onMatter = 'matterId' in scope;
  const [partnerId, setPartnerId] = useState<string>(initial?.partnerId ?? '');
  const [phone, setPhone] = useState<string>(initial?.phone ?? '');
  const contactId = onMatter ? partnerId : scope.contactId;
  const matterId = onMatter ? scope.matterId : partnerId;
  const contact = useContact(contactId || null);
  const phones = contact.data?.phones ?? [];

  useEffect(() => {
    if (opened && !partnerId && partners.length === 1) setPartnerId(partners[0]?.id ?? '');
  }, [opened, partnerId, partners]);
  useEffect(() => {
    // Until the contact is loaded, keep the phone given (a prefilled one must survive the load).
    if (!contact.data) return;
    const phones = contact.data.phones;
    setPhone((current) => (phones.some((p) => p.number === current) ? current : (phones[0]?.number ?? '')));
  }, [contact.data]);

  const create = useMutation({
    mutationFn: () =>
      api.post<ConversationDetailOut>('/api/v1/conversations', {
        kind: 'secure_chat',
        matterId,
        contactId,
        contactPhone: phone,
      }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: chatKeys.lists });
      reset();
      onCreated(created.id);
    },
  });

  const reset = () => {
    setPartnerId('');
    setPhone('');
    create.reset();
  };
  const dismiss = () => {
    reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (partnerId && phone) create.mutate();
  };

  return (
    <Modal opened={opened} onClose={dismiss} title="New secure chat" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Texts go to the client from a secure firm number; their replies land in this thread. You will be
            its only member until you add others.
          </Text>
          <NativeSelect
            label={onMatter ? 'Contact' : 'Matter'}
            description={onMatter ? 'Contacts linked to this matter' : 'Matters this contact is linked to'}
            value={partnerId}
            onChange={(e) => {
              setPartnerId(e.currentTarget.value);
              create.reset();
            }}
            data={[
              {
                value: '',
                label: partners.length
                  ? onMatter
                    ? 'Choose a contact'
                    : 'Choose a matter'
                  : onMatter
                    ? 'No contacts linked to this matter'
                    : 'No matters linked to this contact',
              },
              ...partners.map((p) => ({ value: p.id, label: p.name })),
            ]}
            required
            data-autofocus
          />
          <NativeSelect
            label="Client Number"
            description={contactId ? 'Phone numbers on the contact’s record' : 'Choose a contact first'}
            value={phone}
            onChange={(e) => {
              setPhone(e.currentTarget.value);
              create.reset();
            }}
            disabled={!contactId || contact.isPending || phones.length === 0}
            rightSection={
              contact.isFetching ? <Spinner size={14} label="Loading phone numbers" /> : undefined
            }
            data={
              phones.length
                ? phones.map((p) => ({
                    value: p.number,
                    label: p.label ? `${formatPhone(p.number)} · ${p.label}` : formatPhone(p.number),
                  }))
                : [{ value: '', label: contactId && !contact.isPending ? 'No phone numbers on record' : '—' }]
            }
            error={contact.isError ? describeError(contact.error) : undefined}
            required
          />
          {create.isError && (
            <CreateError error={create.error} scope={scope} onEnded={() => create.reset()} onOpen={dismiss} />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={dismiss}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!partnerId || !phone}>
              Start thread
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** One open thread that counts toward the limit, as the 422 thread-limit lists it. */
interface CountedThread {
  id: string;
  matterId: string | null;
  matterName: string | null;
  contactPhone: string | null;
  lastMessageAt: string | null;
}

function CreateError({
  error,
  scope,
  onEnded,
  onOpen,
}: {
  error: Error;
  scope: StartScope;
  onEnded: () => void;
  onOpen: () => void;
}) {
  const limit = error instanceof ApiError && error.is('thread-limit');
  const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
  const counted = limit ? (((error as ApiError).problem as { threads?: CountedThread[] }).threads ?? []) : [];
  return (
    <Alert
      color="red"
      icon={<IconAlertCircle aria-hidden />}
      title={limit ? 'Too many open threads with this client' : 'The thread could not be started'}
      role="alert"
    >
      <Text size="sm">{describeError(error)}</Text>
      {fields.map((f) => (
        <Text size="sm" key={f.field}>
          {f.message}
        </Text>
      ))}
      {counted.length > 0 && (
        <Stack
          component="ul"
          gap={6}
          mt="sm"
          p={0}
          style={{ listStyle: 'none' }}
          aria-label="Open threads that count"
        >
          {counted.map((c) => (
            <CountedRow key={c.id} thread={c} scope={scope} onEnded={onEnded} onOpen={onOpen} />
          ))}
        </Stack>
      )}
    </Alert>
  );
}

/** A thread that counts toward the limit: a link to it, and "End" to free its slot in place. */
function CountedRow({
  thread,
  scope,
  onEnded,
  onOpen,
}: {
  thread: CountedThread;
  scope: StartScope;
  onEnded: () => void;
  onOpen: () => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const end = useMutation({
    mutationFn: () => api.post(`/api/v1/conversations/${encodeURIComponent(thread.id)}/end`),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: chatKeys.lists });
      void queryClient.invalidateQueries({ queryKey: chatKeys.detail(thread.id) });
      onEnded();
    },
  });
  const path = thread.matterId
    ? secureChatPath({ matterId: thread.matterId }, thread.id)
    : secureChatPath(scope, thread.id);
  const label = `${thread.matterName ?? 'Thread'} · ${formatPhone(thread.contactPhone)}`;
  return (
    <Group component="li" justify="space-between" wrap="nowrap" gap="xs">
      <Stack gap={0} miw={0}>
        <Anchor component={Link} to={path} size="sm" onClick={onOpen}>
          {label}
        </Anchor>
        <Text size="xs" c="dimmed">
          {thread.lastMessageAt ? `Last message ${formatWhen(thread.lastMessageAt)}` : 'No messages yet'}
        </Text>
      </Stack>
      <Button
        size="compact-xs"
        variant="white"
        color="red.9"
        loading={end.isPending}
        onClick={() => end.mutate()}
        aria-label={`End the thread ${label}`}
      >
        End
      </Button>
    </Group>
  );
}
