import { Alert, Button, NativeSelect, Stack, Text } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Contact } from '../../../contracts/contacts';
import { useApi } from '../../ui/Providers';
import { describeError } from '../../ui/problem';
import { contactKeys } from './queries';

interface Invitation {
  email: string;
  expiresAt: string;
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' });

/**
 * "Invite to portal" (or "Send the invitation again"): e-mails the contact a one-time activation
 * link at the chosen address. Hidden once the portal is active.
 */
export function PortalInviteButton({ contact }: { contact: Contact }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState(contact.emails[0]?.address ?? '');
  const invite = useMutation({
    mutationFn: () =>
      api.post<Invitation>(`/api/v1/contacts/${encodeURIComponent(contact.id)}/portal-invitation`, { email }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: contactKeys.detail(contact.id) }),
  });
  if (contact.portal.status === 'active') return null;
  if (contact.emails.length === 0)
    return (
      <Text size="xs" c="dimmed">
        Add an e-mail address to invite this contact to the portal.
      </Text>
    );
  return (
    <Stack gap={6} align="flex-start">
      {contact.emails.length > 1 && (
        <NativeSelect
          size="xs"
          label="Send the invitation to"
          data={contact.emails.map((e) => e.address)}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
      )}
      <Button
        size="xs"
        variant="light"
        leftSection={<IconMailForward size={14} aria-hidden />}
        loading={invite.isPending}
        onClick={() => invite.mutate()}
      >
        {contact.portal.status === 'invited' ? 'Send the invitation again' : 'Invite to portal'}
      </Button>
      {invite.data && (
        <Text size="xs" role="status">
          Invitation sent to {invite.data.email}; the link works until{' '}
          {dateFormat.format(new Date(invite.data.expiresAt))}.
        </Text>
      )}
      {invite.isError && (
        <Alert color="red" role="alert" p="xs" title="Not sent">
          {describeError(invite.error)}
        </Alert>
      )}
    </Stack>
  );
}
