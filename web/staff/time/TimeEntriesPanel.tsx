import { Button, Group, Paper, Select, Stack, Table, TextInput } from '@mantine/core';
import { IconDownload, IconReceipt } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { EmptyState } from '../../ui/EmptyState';
import { LoadError, Loading } from '../../ui/LoadStates';
import { formatHours, formatMoney } from './model';
import { useTimeEntries, useTimekeepers } from './queries';

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

/** Time entries of a date range, with their totals and the LEDES 1998B and CSV exports. */
export function TimeEntriesPanel({ isBillingManager }: { isBillingManager: boolean }) {
  const [range, setRange] = useState<{ from: string; to: string; userId: string | null }>({
    from: '',
    to: '',
    userId: null,
  });
  const entries = useTimeEntries(range);
  const timekeepers = useTimekeepers();
  const items = useMemo(() => entries.data?.pages.flatMap((p) => p.items) ?? [], [entries.data]);
  const totalHours = Math.round(items.reduce((s, e) => s + e.hours, 0) * 10_000) / 10_000;
  const totalAmount = items.reduce((s, e) => s + e.amount, 0);

  const exportHref = (format: 'ledes1998b' | 'csv') => {
    const q = new URLSearchParams({ format });
    if (range.from) q.set('from', range.from);
    if (range.to) q.set('to', range.to);
    if (range.userId) q.set('userId', range.userId);
    return `/api/v1/time-entries/export?${q}`;
  };

  return (
    <Stack gap="md">
      <Paper withBorder radius="lg" p="md">
        <Group gap="md" align="flex-end" wrap="wrap" justify="space-between">
          <Group gap="md" align="flex-end" wrap="wrap">
            {isBillingManager && (
              <Select
                label="Timekeeper"
                placeholder="Everyone"
                clearable
                searchable
                data={(timekeepers.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
                value={range.userId}
                onChange={(userId) => setRange((r) => ({ ...r, userId }))}
                w={200}
              />
            )}
            <TextInput
              type="date"
              label="Work date from"
              value={range.from}
              onChange={(e) => setRange((r) => ({ ...r, from: e.currentTarget.value }))}
            />
            <TextInput
              type="date"
              label="Work date to"
              value={range.to}
              onChange={(e) => setRange((r) => ({ ...r, to: e.currentTarget.value }))}
            />
          </Group>
          <Group gap="xs">
            <Button
              component="a"
              href={exportHref('ledes1998b')}
              download
              variant="light"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              Export LEDES 1998B
            </Button>
            <Button
              component="a"
              href={exportHref('csv')}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              Export CSV
            </Button>
          </Group>
        </Group>
      </Paper>
      <Paper withBorder radius="lg">
        {entries.isPending ? (
          <Loading label="Loading time entries" />
        ) : entries.isError ? (
          <LoadError
            m="md"
            title="Time entries could not be loaded"
            error={entries.error}
            onRetry={() => entries.refetch()}
          />
        ) : items.length === 0 ? (
          <EmptyState icon={<IconReceipt size={28} />} title="No time entries yet">
            Convert billable events into time entries and they are listed here, ready to export.
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Caption>
                {items.length === 1 ? '1 time entry' : `${items.length} time entries`}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Timekeeper</Table.Th>
                  <Table.Th scope="col">Matter</Table.Th>
                  <Table.Th scope="col">Narrative</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Hours
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Rate
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Amount
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((e) => (
                  <Table.Tr key={e.id} data-entry-id={e.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {dateFormat.format(new Date(`${e.date}T00:00:00Z`))}
                    </Table.Td>
                    <Table.Td>{e.timekeeper?.name ?? 'Former user'}</Table.Td>
                    <Table.Td>
                      {e.matter ? `${e.matter.number} · ${e.matter.name}` : 'Unknown matter'}
                    </Table.Td>
                    <Table.Td>{e.narrative}</Table.Td>
                    <Table.Td ta="right">{formatHours(e.hours)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(e.rate)}</Table.Td>
                    <Table.Td ta="right">{formatMoney(e.amount)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row" colSpan={4}>
                    Total
                  </Table.Th>
                  <Table.Td ta="right" fw={600}>
                    {formatHours(totalHours)}
                  </Table.Td>
                  <Table.Td />
                  <Table.Td ta="right" fw={600}>
                    {formatMoney(totalAmount)}
                  </Table.Td>
                </Table.Tr>
              </Table.Tfoot>
            </Table>
          </Table.ScrollContainer>
        )}
        {entries.hasNextPage && (
          <Group justify="center" p="md">
            <Button
              variant="default"
              loading={entries.isFetchingNextPage}
              onClick={() => entries.fetchNextPage()}
            >
              Load older entries
            </Button>
          </Group>
        )}
      </Paper>
    </Stack>
  );
}
