import { Paper } from '@mantine/core';
import { IconProgressCheck } from '@tabler/icons-react';
import { EmptyState } from '../../ui/EmptyState';
import { PageHeader } from '../../ui/PageHeader';

/** Status updates the firm posts on the contact's matters. */
export function StatusPage() {
  return (
    <>
      <PageHeader title="Status" description="Updates from your legal team on how your matters are going." />
      <Paper withBorder radius="lg">
        <EmptyState icon={<IconProgressCheck size={28} />} title="No status updates yet">
          Your legal team posts progress on each of your matters here, such as filings, hearings and next
          steps.
        </EmptyState>
      </Paper>
    </>
  );
}
