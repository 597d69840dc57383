import { Paper } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { EmptyState } from '../../ui/EmptyState';
import { PageHeader } from '../../ui/PageHeader';

/** The contact's secure message threads with the firm. */
export function MessagesPage() {
  return (
    <>
      <PageHeader title="Messages" description="Secure messages between you and your legal team." />
      <Paper withBorder radius="lg">
        <EmptyState icon={<IconMessages size={28} />} title="No messages yet">
          When your legal team writes to you, or you start a conversation with them, the messages will appear
          here. Everything you send through the portal is encrypted and stays private.
        </EmptyState>
      </Paper>
    </>
  );
}
