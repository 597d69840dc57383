import { Paper } from '@mantine/core';
import { IconClockHour4 } from '@tabler/icons-react';
import { EmptyState } from '../../ui/EmptyState';
import { PageHeader } from '../../ui/PageHeader';

/** Billable events captured from conversations, to review and convert into time entries. */
export function TimePage() {
  return (
    <>
      <PageHeader title="Time" description="Billable time captured from your conversations and calls." />
      <Paper withBorder radius="lg">
        <EmptyState icon={<IconClockHour4 size={28} />} title="No billable time captured yet">
          Time spent in secure chats, text conversations, portal threads, e-mails and logged calls will appear
          here for you to review, convert into time entries or dismiss.
        </EmptyState>
      </Paper>
    </>
  );
}
