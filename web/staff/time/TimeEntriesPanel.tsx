import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  TextInput,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { IconDownload, IconPencil, IconReceipt, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { TimeEntryOut as TimeEntry } from '../../../contracts/time-capture';
import { EmptyState } from '../../ui/EmptyState';
import { LoadError, Loading } from '../../ui/LoadStates';
import { ConfirmDialog } from '../secure-chat/ConfirmDialog';
import { EntryDialog } from './EntryDialog';
import { formatHours, formatMoney } from './model';
import { useTimeEntries, useTimekeepers } from './queries';
import { useEntryMutations } from './review-queries';

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' });

/** Time entries of a date range, with their totals and the LEDES 1998B and CSV exports. */
export function TimeEntriesPanel({ isBillingManager }: { isBillingManager: boolean }) {
  const [range, setRange] = useState<{ from: string; to: string; userId: string | null }>({
    from: '',
    to: '',
    userId: null,
  });
  const entries = useTimeEntries(range);
  const { update, remove } = useEntryMutations();
  const [editing, setEditing] = useState<TimeEntry | null>(null);
  const [deleting, setDeleting] = useState<TimeEntry | null>(null);
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
      {editing && (
        <EntryDialog
          key={editing.id}
          entry={editing}
          onClose={() => setEditing(null)}
          saving={update.isPending}
          error={update.error}
          onSave={(patch) => update.mutate({ id: editing.id, patch }, { onSuccess: () => setEditing(null) })}
        />
      )}
      <ConfirmDialog
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete time entry"
        confirmLabel="Delete entry"
        color="red"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => deleting && remove.mutate(deleting.id, { onSuccess: () => setDeleting(null) })}
      >
        {deleting
          ? `“${deleting.narrative}” (${formatHours(deleting.hours)}) is deleted and its billable event reopens, so you can correct it and convert it again, or dismiss it.`
          : ''}
      </ConfirmDialog>
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
                  <Table.Th scope="col">
                    <VisuallyHidden>Status and actions</VisuallyHidden>
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
                    <Table.Td>
                      <EntryActions
                        entry={e}
                        onEdit={() => {
                          update.reset();
                          setEditing(e);
                        }}
                        onDelete={() => {
                          remove.reset();
                          setDeleting(e);
                        }}
                      />
                    </Table.Td>
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
                  <Table.Td />
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

/** Edit and delete until the entry is exported; afterwards it is on a bill and says so. */
function EntryActions({
  entry,
  onEdit,
  onDelete,
}: {
  entry: TimeEntry;
  onEdit: () => void;
  onDelete: () => void;
}) {
  if (entry.exportedAt)
    return (
      <Badge variant="light" color="gray" tt="none" miw="max-content">
        Exported
      </Badge>
    );
  return (
    <Group gap={4} wrap="nowrap" justify="flex-end">
      {entry.abilities.edit && (
        <Tooltip label="Edit">
          <ActionIcon variant="subtle" onClick={onEdit} aria-label={`Edit entry ${entry.narrative}`}>
            <IconPencil size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
      {entry.abilities.delete && (
        <Tooltip label="Delete">
          <ActionIcon
            variant="subtle"
            color="red"
            onClick={onDelete}
            aria-label={`Delete entry ${entry.narrative}`}
          >
            <IconTrash size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
