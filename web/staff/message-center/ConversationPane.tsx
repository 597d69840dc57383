import { Alert, Badge, Box, Button, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconHandGrab } from '@tabler/icons-react';
import { useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import type { ConversationDetailOut, ConversationOut } from '../../../contracts/conversations';
import { Loading } from '../../ui/LoadStates';
import { ApiError, describeError } from '../../ui/problem';
import { useSession } from '../../ui/session';
import { ConfirmDialog } from '../secure-chat/ConfirmDialog';
import { formatPhone } from '../secure-chat/model';
import { useConversation } from '../secure-chat/queries';
import { ME_PATH, type StaffSession } from '../session';
import { Composer } from './Composer';
import { OptedOutBanner, RevocationBanner } from './ConsentBanners';
import { ConsumerPanel } from './ConsumerPanel';
import { History } from './History';
import { InternalChatPane } from './InternalChatPane';
import { publicReplyBlock } from './model';
import { SecureInviteBadge, SecureInviteButton, secureJoined, useSecureInvite } from './SecureInvite';
import { TransferBar } from './TransferBar';
import { claimHolder, useConversationActions } from './use-conversation-actions';

/** One conversation in a tab of the right pane; the list's row fills in while the detail loads. */
export function ConversationPane({
  conversationId,
  summary,
}: {
  conversationId: string;
  summary?: ConversationOut;
}) {
  const conversation = useConversation(conversationId);
  if (conversation.isPending) return <Loading label="Loading the conversation" />;
  if (conversation.isError) {
    const gone = conversation.error instanceof ApiError && conversation.error.status === 404;
    return (
      <Alert
        m="md"
        color="red"
        icon={<IconAlertCircle aria-hidden />}
        role="alert"
        title="The conversation could not be opened"
      >
        <Text size="sm" mb="sm">
          {gone
            ? 'It does not exist any more, or it moved to a team you are not on.'
            : describeError(conversation.error)}
        </Text>
        {!gone && (
          <Button size="xs" variant="white" color="red" onClick={() => conversation.refetch()}>
            Try again
          </Button>
        )}
      </Alert>
    );
  }
  if (conversation.data.kind === 'internal') return <InternalChatPane conversation={conversation.data} />;
  return <Loaded conversation={{ ...summary, ...conversation.data }} />;
}

function Loaded({ conversation }: { conversation: ConversationDetailOut }) {
  const me = useSession<StaffSession>(ME_PATH).data?.user;
  const id = conversation.id;
  const { claim, close, optOut, send } = useConversationActions(id, me);
  const [confirmClose, setConfirmClose] = useState(false);
  const mc = conversation.messageCenter;
  const customer = formatPhone(mc?.customerPhone ?? conversation.contactPhone) || 'the customer';
  const open = conversation.status === 'open';
  const holder = mc?.agent ?? claimHolder(claim.error);
  const mine = holder?.id === me?.id;
  const blocked = publicReplyBlock(conversation, me?.id);
  const secureInvite = useSecureInvite(id);

  return (
    <Stack gap={0} h="100%" mih={0}>
      <Group
        justify="space-between"
        wrap="wrap"
        gap="xs"
        p="sm"
        style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
      >
        <Stack gap={0} miw={0} style={{ flex: '1 1 220px' }}>
          <Group gap="xs" wrap="nowrap">
            <Title order={2} size="h4" className="mc-nowrap">
              {customer}
            </Title>
            <Badge
              variant="dot"
              color={open ? 'teal' : 'gray'}
              tt="none"
              data-testid="conversation-status"
              style={{ flexShrink: 0, overflow: 'visible' }}
            >
              {open ? 'Open' : 'Closed'}
            </Badge>
          </Group>
          {mc && (
            <>
              <Text size="xs">
                Campaign <strong>{mc.campaign.name}</strong>{' '}
                <span className="mc-nowrap">({formatPhone(mc.campaign.phone)})</span>
              </Text>
              <Text size="xs" c="dimmed">
                {mc.group.name} · {mc.location.name} · Team {mc.team.name}
              </Text>
            </>
          )}
          <Text size="xs" data-testid="agent">
            {holder ? (mine ? 'Claimed by you' : `Claimed by ${holder.name}`) : 'Not claimed yet'}
          </Text>
          <SecureInviteBadge invite={secureInvite.data?.invite} closed={!open} />
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {open && !mine && (
            <Tooltip label={holder ? `${holder.name} holds this conversation` : 'Take this conversation'}>
              <Box>
                <Button
                  size="xs"
                  leftSection={<IconHandGrab size={16} aria-hidden />}
                  loading={claim.isPending}
                  disabled={Boolean(holder)}
                  aria-describedby={holder ? `holder-${id}` : undefined}
                  onClick={() => claim.mutate()}
                >
                  Claim
                </Button>
              </Box>
            </Tooltip>
          )}
          {open && mine && !mc?.optedOut && (
            <SecureInviteButton
              conversationId={id}
              customer={customer}
              invited={Boolean(secureInvite.data?.invite)}
            />
          )}
          {open && (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconCircleCheck size={16} aria-hidden />}
              onClick={() => setConfirmClose(true)}
            >
              Close conversation
            </Button>
          )}
        </Group>
      </Group>
      {holder && !mine && open && (
        <Text id={`holder-${id}`} size="xs" c="dimmed" px="sm" py={4}>
          {holder.name} has claimed this conversation; you can add internal notes.
        </Text>
      )}
      {claim.isError && !claimHolder(claim.error) && (
        <Text size="xs" c="red.8" role="alert" px="sm" py={4}>
          Not claimed: {describeError(claim.error)}
        </Text>
      )}
      <TransferBar
        conversation={conversation}
        me={me}
        onSendInternal={(body) => send.mutate({ id: uuidv7(), body, mode: 'internal' })}
      />
      {mc?.optedOut && <OptedOutBanner conversationId={id} />}
      {mc?.revocationFlagged && !mc.optedOut && (
        <RevocationBanner pending={optOut.isPending} error={optOut.error} onOptOut={() => optOut.mutate()} />
      )}
      {mc && <ConsumerPanel conversation={conversation} />}
      <History
        conversationId={id}
        customer={customer}
        myId={me?.id}
        onRetry={(m) => send.mutate({ id: m.id, body: m.body, mode: m.visibility })}
      />
      <Box p="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
        {open ? (
          <Composer
            conversationId={id}
            customer={customer}
            groupId={mc?.group.id}
            publicBlockedBecause={blocked}
            pending={false}
            onSend={(body, mode, channel) => send.mutate({ id: uuidv7(), body, mode, channel })}
            secureJoined={secureJoined(secureInvite.data)}
          />
        ) : (
          <Text size="sm" c="dimmed">
            This conversation is closed. If the customer texts again, a new conversation opens under Open.
          </Text>
        )}
      </Box>
      <ConfirmDialog
        opened={confirmClose}
        onClose={() => {
          close.reset();
          setConfirmClose(false);
        }}
        title="Close this conversation?"
        confirmLabel="Close conversation"
        color="parley"
        pending={close.isPending}
        error={close.error}
        onConfirm={() => close.mutate(undefined, { onSuccess: () => setConfirmClose(false) })}
      >
        It moves to Closed and nobody can text from it any more. If {customer} texts again, a new conversation
        opens under Open.
      </ConfirmDialog>
    </Stack>
  );
}
