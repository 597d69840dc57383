import {
  Button,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClockHour4 } from '@tabler/icons-react';
import { Fragment, useMemo, useState } from 'react';
import type { TimeEntryOut } from '../../../contracts/time-capture';
import { zoneAbbreviation } from '../../../contracts/time-zone';
import { EmptyState } from '../../ui/EmptyState';
import { LoadError, Loading } from '../../ui/LoadStates';
import { describeError } from '../../ui/problem';
import { useFirmTimeZone } from '../admin/queries';
import { ConvertDialog } from './ConvertDialog';
import { EventRow } from './EventRow';
import { type EventFilters, formatDuration, formatHours, groupByDay, totalSeconds } from './model';
import { useBillableEvents, useMatterOptions, useTimekeepers, useTimeMutations } from './queries';

const dayFormat = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  year: 'numeric',
});

/** "America/New_York (EST)": the zone and its current abbreviation. */
function zoneName(timeZone: string): string {
  return `${timeZone.replaceAll('_', ' ')} (${zoneAbbreviation(new Date(), timeZone)})`;
}

function dayLabel(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return dayFormat.format(new Date(y, m - 1, d));
}

/**
 * Shows a notification that passes axe: Mantine dims the text below the 4.5:1 contrast WCAG asks for
 * and leaves the close button unnamed.
 */
function notify(color: string, title: string, message: string) {
  notifications.show({
    color,
    title,
    message,
    styles: { description: { color: 'var(--mantine-color-text)' } },
    closeButtonProps: { 'aria-label': 'Close notification' },
  });
}

function convertedMessage(entries: TimeEntryOut[]): string {
  const hours = Math.round(entries.reduce((sum, e) => sum + e.hours, 0) * 10_000) / 10_000;
  return entries.length === 1
    ? `Time entry of ${formatHours(hours)} created.`
    : `${entries.length} time entries, ${formatHours(hours)} in all, created.`;
}

/** The billable events dashboard: filters, events grouped by day with totals, inline edits, conversion. */
export function EventsPanel({ isBillingManager }: { isBillingManager: boolean }) {
  const [filters, setFilters] = useState<EventFilters>({
    status: 'open',
    userId: null,
    matterId: null,
    from: '',
    to: '',
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // The events whose conversion is being previewed; converting happens from the preview.
  const [previewing, setPreviewing] = useState<string[] | null>(null);
  const timeZone = useFirmTimeZone();
  const events = useBillableEvents(filters, timeZone);
  const matters = useMatterOptions();
  const timekeepers = useTimekeepers();
  const { update, convert } = useTimeMutations();

  const items = useMemo(() => events.data?.pages.flatMap((p) => p.items) ?? [], [events.data]);
  const groups = useMemo(() => groupByDay(items, timeZone), [items, timeZone]);
  const convertible = items.filter((e) => e.abilities.convert);
  const chosen = convertible.filter((e) => selected.has(e.id));
  const set = (patch: Partial<EventFilters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setSelected(new Set());
  };

  const runConvert = (ids: string[]) =>
    convert.mutate(ids, {
      onSuccess: (entries) => {
        setPreviewing(null);
        setSelected((s) => new Set([...s].filter((id) => !ids.includes(id))));
        notify('teal', 'Converted', convertedMessage(entries));
      },
    });
  const preview = (ids: string[]) => {
    convert.reset();
    setPreviewing(ids);
  };

  const save = (id: string, patch: Parameters<typeof update.mutateAsync>[0]['patch']) =>
    update.mutateAsync({ id, patch }).catch((error) => {
      notify('red', 'Could not save', describeError(error));
    });

  const columns = isBillingManager ? 8 : 7;
  return (
    <Stack gap="md">
      <ConvertDialog
        ids={previewing}
        onClose={() => setPreviewing(null)}
        onConvert={runConvert}
        converting={convert.isPending}
        error={convert.error}
      />
      <Paper withBorder radius="lg" p="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="time-status-label">
              Status
            </Text>
            <SegmentedControl
              aria-labelledby="time-status-label"
              value={filters.status}
              onChange={(v) => set({ status: v as EventFilters['status'] })}
              data={[
                { value: 'open', label: 'Open' },
                { value: 'converted', label: 'Converted' },
                { value: 'dismissed', label: 'Dismissed' },
                { value: 'all', label: 'All' },
              ]}
            />
          </Stack>
          {isBillingManager && (
            <Select
              label="Timekeeper"
              placeholder="Everyone"
              clearable
              searchable
              data={(timekeepers.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
              value={filters.userId}
              onChange={(userId) => set({ userId })}
              w={200}
            />
          )}
          <Select
            label="Matter"
            placeholder="All matters"
            clearable
            searchable
            data={(matters.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.number} · ${m.name}` }))}
            value={filters.matterId}
            onChange={(matterId) => set({ matterId })}
            w={240}
          />
          <TextInput
            type="date"
            label="From"
            value={filters.from}
            onChange={(e) => set({ from: e.currentTarget.value })}
          />
          <TextInput
            type="date"
            label="To"
            value={filters.to}
            onChange={(e) => set({ to: e.currentTarget.value })}
          />
        </Group>
      </Paper>

      <Paper withBorder radius="lg">
        <Group justify="space-between" p="md" gap="sm" wrap="wrap">
          <Text size="sm" c="dimmed" aria-live="polite">
            {chosen.length
              ? `${chosen.length} selected · ${formatDuration(totalSeconds(chosen))}`
              : 'Select events to convert several at once.'}
          </Text>
          <Button
            disabled={chosen.length === 0}
            loading={convert.isPending}
            onClick={() => preview(chosen.map((e) => e.id))}
          >
            {chosen.length ? `Convert ${chosen.length} selected` : 'Convert selected'}
          </Button>
        </Group>
        <Text size="xs" c="dimmed" px="md" pb="xs" data-testid="firm-time-zone">
          Days and times are the firm’s: {zoneName(timeZone)}.
        </Text>
        {events.isPending ? (
          <Loading label="Loading billable events" />
        ) : events.isError ? (
          <LoadError
            m="md"
            title="Billable events could not be loaded"
            error={events.error}
            onRetry={() => events.refetch()}
          />
        ) : items.length === 0 ? (
          <EmptyState icon={<IconClockHour4 size={28} />} title="No billable events here">
            Time spent in secure chats, text conversations, portal threads, e-mails and logged calls appears
            here for you to review, convert into time entries or dismiss.
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" horizontalSpacing="md">
              <Table.Caption>
                {items.length === 1 ? '1 billable event' : `${items.length} billable events`}
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={40}>
                    <Checkbox
                      aria-label="Select all convertible events"
                      checked={convertible.length > 0 && chosen.length === convertible.length}
                      indeterminate={chosen.length > 0 && chosen.length < convertible.length}
                      disabled={convertible.length === 0}
                      onChange={(e) =>
                        setSelected(
                          e.currentTarget.checked ? new Set(convertible.map((x) => x.id)) : new Set(),
                        )
                      }
                    />
                  </Table.Th>
                  <Table.Th scope="col">Time</Table.Th>
                  {isBillingManager && <Table.Th scope="col">Timekeeper</Table.Th>}
                  <Table.Th scope="col">Matter</Table.Th>
                  <Table.Th scope="col">Description</Table.Th>
                  <Table.Th scope="col">Duration</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map((g) => (
                  <Fragment key={g.day}>
                    <Table.Tr bg="var(--parley-surface-muted)">
                      <Table.Th scope="colgroup" colSpan={columns}>
                        <Group justify="space-between">
                          <span>{dayLabel(g.day)}</span>
                          <Text span size="sm" fw={500} data-testid="day-total">
                            {g.events.length === 1 ? '1 event' : `${g.events.length} events`} ·{' '}
                            {formatDuration(g.totalSeconds)}
                          </Text>
                        </Group>
                      </Table.Th>
                    </Table.Tr>
                    {g.events.map((e) => (
                      <EventRow
                        key={`${e.id}:${e.status}:${e.durationSeconds}:${e.description}:${e.matterId}`}
                        event={e}
                        timeZone={timeZone}
                        showTimekeeper={isBillingManager}
                        selected={selected.has(e.id)}
                        onSelect={(on) =>
                          setSelected((s) => {
                            const next = new Set(s);
                            if (on) next.add(e.id);
                            else next.delete(e.id);
                            return next;
                          })
                        }
                        matters={matters.data?.items ?? []}
                        busy={(update.isPending && update.variables?.id === e.id) || convert.isPending}
                        onSave={(patch) => save(e.id, patch)}
                        onConvert={() => preview([e.id])}
                      />
                    ))}
                  </Fragment>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {events.hasNextPage && (
          <Group justify="center" p="md">
            <Button
              variant="default"
              loading={events.isFetchingNextPage}
              onClick={() => events.fetchNextPage()}
            >
              Load older events
            </Button>
          </Group>
        )}
      </Paper>
    </Stack>
  );
}
