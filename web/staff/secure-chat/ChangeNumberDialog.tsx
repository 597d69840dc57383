import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { ConversationDetailOut as ConversationDetail } from '../../../contracts/conversations';
import { Spinner } from '../../ui/LoadStates';
import { useApi } from '../../ui/Providers';
import { describeError } from '../../ui/problem';
import { formatPhone } from './model';
import { chatKeys, useContact } from './queries';

/**
 * "Change number": moves an open thread to another of the client's phones. The server keeps the
 * firm number when it can, records the change and shows it in the thread.
 */
export function ChangeNumberDialog({
  opened,
  onClose,
  conversation,
}: {
  opened: boolean;
  onClose: () => void;
  conversation: ConversationDetail;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const contact = useContact(opened ? (conversation.contact?.id ?? null) : null);
  const others = (contact.data?.phones ?? []).filter((p) => p.number !== conversation.contactPhone);
  const [phone, setPhone] = useState('');
  const chosen = phone || others[0]?.number || '';
  const change = useMutation({
    mutationFn: () =>
      api.put(`/api/v1/conversations/${encodeURIComponent(conversation.id)}/contact-phone`, {
        contactPhone: chosen,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: chatKeys.detail(conversation.id) });
      void queryClient.invalidateQueries({ queryKey: chatKeys.lists });
      void queryClient.invalidateQueries({ queryKey: chatKeys.messages(conversation.id) });
      dismiss();
    },
  });
  const dismiss = () => {
    setPhone('');
    change.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen) change.mutate();
  };
  return (
    <Modal opened={opened} onClose={dismiss} title="Change client number" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Texts in this thread go to {formatPhone(conversation.contactPhone)} now. Pick another number on{' '}
            {conversation.contact?.name ?? 'the client'}’s record; the change is recorded in the thread.
          </Text>
          <NativeSelect
            label="New client number"
            value={chosen}
            onChange={(e) => {
              setPhone(e.currentTarget.value);
              change.reset();
            }}
            disabled={contact.isPending || others.length === 0}
            rightSection={
              contact.isFetching ? <Spinner size={14} label="Loading phone numbers" /> : undefined
            }
            data={
              others.length
                ? others.map((p) => ({
                    value: p.number,
                    label: p.label ? `${formatPhone(p.number)} · ${p.label}` : formatPhone(p.number),
                  }))
                : [{ value: '', label: contact.isPending ? '—' : 'No other number on record' }]
            }
            error={contact.isError ? describeError(contact.error) : undefined}
            data-autofocus
          />
          {change.isError && (
            <Alert
              color="red"
              icon={<IconAlertCircle aria-hidden />}
              role="alert"
              title="The number was not changed"
            >
              {describeError(change.error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={dismiss}>
              Cancel
            </Button>
            <Button type="submit" loading={change.isPending} disabled={!chosen}>
              Change number
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
