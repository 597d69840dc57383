import { Badge, Button, Tooltip } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SecureInviteOut, SecureInviteStateOut } from '../../../contracts/secure-invites';
import { useApi } from '../../ui/Providers';
import { ConfirmDialog } from '../secure-chat/ConfirmDialog';

/** The query key of a conversation's invitation (refetched on `secure_invite.updated`). */
export const secureInviteKey = (conversationId: string) => ['secure-invite', conversationId];

/** The newest secure chat invitation of a Message Center conversation. */
export function useSecureInvite(conversationId: string) {
  const api = useApi();
  return useQuery({
    queryKey: secureInviteKey(conversationId),
    queryFn: () =>
      api.get<SecureInviteStateOut>(
        `/api/v1/conversations/${encodeURIComponent(conversationId)}/secure-invite`,
      ),
  });
}

/** True when the customer joined the secure chat: the composer may then write there. */
export function secureJoined(state: SecureInviteStateOut | undefined): boolean {
  return state?.invite?.status === 'accepted';
}

const STATUS_WORDS: Record<SecureInviteOut['status'], string> = {
  invited: 'Secure chat: invited',
  accepted: 'Secure chat: joined',
  expired: 'Secure chat: link expired',
  revoked: 'Secure chat: link replaced',
  burnt: 'Secure chat: link locked',
};

/** The invitation's status, for the conversation's header; a closed conversation's chat has ended. */
export function SecureInviteBadge({
  invite,
  closed,
}: {
  invite: SecureInviteOut | null | undefined;
  closed: boolean;
}) {
  if (!invite) return null;
  if (closed)
    return (
      <Badge
        size="sm"
        tt="none"
        variant="light"
        color="gray"
        leftSection={<IconLock size={12} aria-hidden />}
      >
        Secure chat: ended with the conversation
      </Badge>
    );
  const opened = invite.status === 'invited' && invite.openedAt ? ' (link opened)' : '';
  return (
    <Badge
      size="sm"
      tt="none"
      variant={invite.status === 'accepted' ? 'filled' : 'light'}
      color={invite.status === 'accepted' ? 'dark' : 'gray'}
      leftSection={<IconLock size={12} aria-hidden />}
      data-testid="secure-invite-status"
    >
      {STATUS_WORDS[invite.status]}
      {opened}
    </Badge>
  );
}

/**
 * "Invite to secure chat": after a confirmation, texts the customer a one-time link to a private,
 * encrypted chat. Only the agent who claimed the conversation can; a new invitation replaces the last.
 */
export function SecureInviteButton({
  conversationId,
  customer,
  invited,
}: {
  conversationId: string;
  customer: string;
  invited: boolean;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const invite = useMutation({
    mutationFn: () =>
      api.post<SecureInviteOut>(
        `/api/v1/conversations/${encodeURIComponent(conversationId)}/secure-invite`,
        {},
      ),
    onSuccess: (sent) => {
      queryClient.setQueryData<SecureInviteStateOut>(secureInviteKey(conversationId), { invite: sent });
      setConfirming(false);
    },
  });
  return (
    <>
      <Tooltip label="Text the customer a link to a private, encrypted chat">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconLock size={16} aria-hidden />}
          onClick={() => setConfirming(true)}
        >
          {invited ? 'New secure chat link' : 'Invite to secure chat'}
        </Button>
      </Tooltip>
      <ConfirmDialog
        opened={confirming}
        onClose={() => {
          invite.reset();
          setConfirming(false);
        }}
        title="Invite to a secure chat?"
        confirmLabel="OK, send the link"
        color="dark"
        pending={invite.isPending}
        error={invite.error}
        onConfirm={() => invite.mutate()}
      >
        {customer} gets a text with a one-time link to a private, encrypted chat, which opens on one device
        after a code texted to the same number.{invited ? ' The previous link stops working.' : ''}
      </ConfirmDialog>
    </>
  );
}
