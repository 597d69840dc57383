import { Paper } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';
import { EmptyState } from '../../ui/EmptyState';
import { PageHeader } from '../../ui/PageHeader';

/** SMS conversations with consumers: claim, answer, transfer, close. */
export function MessageCenterPage() {
  return (
    <>
      <PageHeader
        title="Message Center"
        description="Text conversations with consumers, by group and campaign number."
      />
      <Paper withBorder radius="lg">
        <EmptyState icon={<IconMessages size={28} />} title="No conversations yet">
          When someone texts one of your campaign numbers, the conversation appears here for your team to
          claim and answer. Unclaimed and overdue conversations are flagged.
        </EmptyState>
      </Paper>
    </>
  );
}
