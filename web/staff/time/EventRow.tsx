import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconArrowBackUp, IconCheck, IconPencil, IconX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import type { BillableEventOut as BillableEvent } from '../../../contracts/time-capture';
import { matterPath } from '../matters/queries';
import { durationInput, parseDuration } from './duration';
import { formatDuration, sourceLabels } from './model';
import type { EventPatch, MatterOption } from './queries';

/** The clock time of an event in the firm's zone, as its description writes it. */
function clockTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeStyle: 'short', timeZone }).format(new Date(iso));
}

const statusColor = { open: 'parley', converted: 'teal', dismissed: 'gray' } as const;

/** One billable event in the dashboard table: read-only, or its inline editor. */
export function EventRow({
  event,
  timeZone,
  showTimekeeper,
  selected,
  onSelect,
  matters,
  busy,
  onSave,
  onConvert,
}: {
  event: BillableEvent;
  /** The firm's zone: the time shown matches the description's. */
  timeZone: string;
  showTimekeeper: boolean;
  selected: boolean;
  onSelect: (selected: boolean) => void;
  matters: MatterOption[];
  busy: boolean;
  onSave: (patch: EventPatch) => Promise<unknown>;
  onConvert: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [description, setDescription] = useState(event.description);
  const [duration, setDuration] = useState(durationInput(event.durationSeconds));
  const [matterId, setMatterId] = useState<string | null>(event.matterId);
  const label = event.description;

  const startEditing = () => {
    setDescription(event.description);
    setDuration(durationInput(event.durationSeconds));
    setMatterId(event.matterId);
    setEditing(true);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const seconds = parseDuration(duration);
    if (seconds === null) return;
    const patch: EventPatch = {};
    if (seconds !== event.durationSeconds) patch.durationSeconds = seconds;
    if (description.trim() && description.trim() !== event.description)
      patch.description = description.trim();
    if (matterId && matterId !== event.matterId) patch.matterId = matterId;
    if (Object.keys(patch).length) await onSave(patch);
    setEditing(false);
  };

  const matterData = matters.map((m) => ({ value: m.id, label: `${m.number} · ${m.name}` }));
  if (event.matter && !matters.some((m) => m.id === event.matterId))
    matterData.unshift({ value: event.matterId, label: `${event.matter.number} · ${event.matter.name}` });

  return (
    <Table.Tr data-event-id={event.id} bg={selected ? 'var(--mantine-color-parley-light)' : undefined}>
      <Table.Td>
        <Checkbox
          aria-label={`Select ${label}`}
          checked={selected}
          disabled={!event.abilities.convert}
          onChange={(e) => onSelect(e.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{clockTime(event.startedAt, timeZone)}</Table.Td>
      {showTimekeeper && <Table.Td>{event.timekeeper?.name ?? 'Former user'}</Table.Td>}
      {editing ? (
        <Table.Td colSpan={3}>
          <form onSubmit={save} aria-label={`Edit ${label}`}>
            <Group gap="xs" align="flex-end" wrap="wrap">
              <Select
                label="Matter"
                data={matterData}
                value={matterId}
                onChange={setMatterId}
                searchable
                allowDeselect={false}
                w={220}
                size="xs"
              />
              <TextInput
                label="Description"
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                maxLength={2000}
                required
                style={{ flex: 1, minWidth: 220 }}
                size="xs"
              />
              <TextInput
                label="Duration"
                description="12:30, 12m 30s or 0.3h"
                value={duration}
                onChange={(e) => setDuration(e.currentTarget.value)}
                error={parseDuration(duration) === null ? 'Not a duration' : undefined}
                required
                w={150}
                size="xs"
              />
              <Button
                type="submit"
                size="xs"
                loading={busy}
                leftSection={<IconCheck size={14} aria-hidden />}
              >
                Save
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => setEditing(false)}
                leftSection={<IconX size={14} aria-hidden />}
              >
                Cancel
              </Button>
            </Group>
          </form>
        </Table.Td>
      ) : (
        <>
          <Table.Td>
            {event.matter ? (
              <Text size="sm">
                <Text span ff="monospace" size="xs" c="dimmed">
                  {event.matter.number}
                </Text>{' '}
                {event.matter.name}
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                Unknown matter
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Group gap={6} wrap="nowrap" align="flex-start">
              <Badge variant="outline" color="gray" tt="none" style={{ flexShrink: 0 }}>
                {sourceLabels[event.source]}
              </Badge>
              <Stack gap={2}>
                <Text size="sm">{event.description}</Text>
                <ThreadLink event={event} />
              </Stack>
            </Group>
          </Table.Td>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDuration(event.durationSeconds)}</Table.Td>
        </>
      )}
      <Table.Td>
        <Badge variant="light" color={statusColor[event.status]} tt="none" miw="max-content">
          {event.status === 'open' ? 'Open' : event.status === 'converted' ? 'Converted' : 'Dismissed'}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap" justify="flex-end">
          {event.abilities.convert && !editing && (
            <Button
              size="xs"
              variant="light"
              onClick={onConvert}
              disabled={busy}
              aria-label={`Convert ${label}`}
            >
              Convert
            </Button>
          )}
          {event.abilities.edit && !editing && (
            <Tooltip label="Edit">
              <ActionIcon variant="subtle" onClick={startEditing} aria-label={`Edit ${label}`}>
                <IconPencil size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          )}
          {event.abilities.dismiss && !editing && (
            <Tooltip label="Dismiss">
              <ActionIcon
                variant="subtle"
                color="gray"
                disabled={busy}
                onClick={() => onSave({ status: 'dismissed' })}
                aria-label={`Dismiss ${label}`}
              >
                <IconX size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          )}
          {event.abilities.restore && (
            <Tooltip label="Restore">
              <ActionIcon
                variant="subtle"
                disabled={busy}
                onClick={() => onSave({ status: 'open' })}
                aria-label={`Restore ${label}`}
              >
                <IconArrowBackUp size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * Where the time was spent: a link to the secure chat it was captured in while that thread exists, a
 * plain note once it was deleted (its content went with it). Other threads have no page to open yet.
 */
function ThreadLink({ event }: { event: BillableEvent }) {
  const { thread } = event;
  if (thread?.kind === 'secure_chat' && thread.matterId)
    return (
      <Anchor
        component={Link}
        to={matterPath(thread.matterId, 'secure-chat', thread.id)}
        size="xs"
        // The visible words start the name (WCAG 2.5.3, label in name); the description tells rows apart.
        aria-label={`Open thread${thread.status === 'ended' ? ' (ended)' : ''}: ${event.description}`}
      >
        Open thread{thread.status === 'ended' ? ' (ended)' : ''}
      </Anchor>
    );
  if (!event.conversationId && ['secure_chat', 'sms', 'portal'].includes(event.source))
    return (
      <Text size="xs" c="dimmed">
        Thread deleted
      </Text>
    );
  return null;
}
