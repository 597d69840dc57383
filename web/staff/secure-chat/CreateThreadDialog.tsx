import { Alert, Button, Group, Loader, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useApi } from '../../ui/Providers';
import { ApiError, describeError } from '../../ui/problem';
import type { MatterDetail } from '../matters/queries';
import { formatPhone } from './model';
import { chatKeys, useContact } from './queries';
import type { ConversationSummary } from './types';

/**
 * "Create new": pick a contact linked to the matter and one of that contact's phone numbers. The server
 * chooses the firm number; when the client already has as many open threads as allowed it answers 422
 * thread-limit, whose explanation (end an old thread) is shown as is.
 */
export function CreateThreadDialog({
  matter,
  opened,
  onClose,
  onCreated,
}: {
  matter: MatterDetail;
  opened: boolean;
  onClose: () => void;
  onCreated: (conversationId: string) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const contacts = matter.contacts ?? [];
  const [contactId, setContactId] = useState<string>('');
  const [phone, setPhone] = useState<string>('');
  const contact = useContact(contactId || null);
  const phones = contact.data?.phones ?? [];

  useEffect(() => {
    if (opened && !contactId && contacts.length === 1) setContactId(contacts[0]?.id ?? '');
  }, [opened, contactId, contacts]);
  useEffect(() => {
    const first = contact.data?.phones[0]?.number;
    setPhone((current) => (contact.data?.phones.some((p) => p.number === current) ? current : (first ?? '')));
  }, [contact.data]);

  const create = useMutation({
    mutationFn: () =>
      api.post<ConversationSummary>('/api/v1/conversations', {
        kind: 'secure_chat',
        matterId: matter.id,
        contactId,
        contactPhone: phone,
      }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: chatKeys.list(matter.id) });
      reset();
      onCreated(created.id);
    },
  });

  const reset = () => {
    setContactId('');
    setPhone('');
    create.reset();
  };
  const dismiss = () => {
    reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (contactId && phone) create.mutate();
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
            label="Contact"
            description="Contacts linked to this matter"
            value={contactId}
            onChange={(e) => {
              setContactId(e.currentTarget.value);
              create.reset();
            }}
            data={[
              {
                value: '',
                label: contacts.length ? 'Choose a contact' : 'No contacts linked to this matter',
              },
              ...contacts.map((c) => ({ value: c.id, label: c.name })),
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
              contact.isFetching ? <Loader size={14} aria-label="Loading phone numbers" /> : undefined
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
          {create.isError && <CreateError error={create.error} />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={dismiss}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!contactId || !phone}>
              Start thread
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function CreateError({ error }: { error: Error }) {
  const limit = error instanceof ApiError && error.is('thread-limit');
  const fields = error instanceof ApiError ? (error.problem.errors ?? []) : [];
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
    </Alert>
  );
}
