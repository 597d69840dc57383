import { Paper } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { EmptyState } from '../../ui/EmptyState';
import { PageHeader } from '../../ui/PageHeader';

/** Secure messages and client threads addressed to the signed-in user. */
export function InboxPage() {
  return (
    <>
      <PageHeader
        title="Inbox"
        description="Secure messages, portal threads and secure chats you take part in."
      />
      <Paper withBorder radius="lg">
        <EmptyState icon={<IconInbox size={28} />} title="Your inbox is empty">
          Secure messages from colleagues and clients, portal threads and secure chats on your matters will be
          listed here, newest first, with unread ones highlighted.
        </EmptyState>
      </Paper>
    </>
  );
}
