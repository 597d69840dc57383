import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import type { ConversationDetailOut } from '../../../contracts/conversations';
import { Spinner } from '../../ui/LoadStates';
import { useApi } from '../../ui/Providers';
import { ApiError, describeError } from '../../ui/problem';
import { formatPhone } from './model';
import { chatKeys, useContact } from './queries';
import type { ChatScope } from './scope';

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
  onClose,
  onCreated,
}: {
  scope: ChatScope;
  /** The matter's linked contacts, or the contact's visible matters. */
  partners: ChatPartner[];
  opened: boolean;
  onClose: () => void;
  onCreated: (conversationId: string) => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const onMatter = 'matterId' in scope;
  const [partnerId, setPartnerId] = useState<string>('');
  const [phone, setPhone] = useState<string>('');
  const contactId = onMatter ? partnerId : scope.contactId;
  const matterId = onMatter ? scope.matterId : partnerId;
  const contact = useContact(contactId || null);
  const phones = contact.data?.phones ?? [];

  useEffect(() => {
    if (opened && !partnerId && partners.length === 1) setPartnerId(partners[0]?.id ?? '');
  }, [opened, partnerId, partners]);
  useEffect(() => {
    const first = contact.data?.phones[0]?.number;
    setPhone((current) => (contact.data?.phones.some((p) => p.number === current) ? current : (first ?? '')));
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
          {create.isError && <CreateError error={create.error} />}
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
