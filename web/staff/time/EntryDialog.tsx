import { Alert, Button, Group, Stack, TextInput } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import type { TimeEntryOut as TimeEntry } from '../../../contracts/time-capture';
import { MountedModal } from '../../ui/MountedModal';
import { describeError } from '../../ui/problem';
import { durationInput, parseDuration } from './duration';
import type { EntryPatch } from './review-queries';

/**
 * Corrects a time entry before it is exported: the time worked (the server bills it rounded up to the
 * firm's increment, at the entry's rate), the narrative and the work date.
 */
export function EntryDialog({
  entry,
  onClose,
  onSave,
  saving,
  error,
}: {
  entry: TimeEntry;
  onClose: () => void;
  onSave: (patch: EntryPatch) => void;
  saving: boolean;
  error: Error | null;
}) {
  const [duration, setDuration] = useState(durationInput(entry.billedMinutes * 60));
  const [narrative, setNarrative] = useState(entry.narrative);
  const [date, setDate] = useState(entry.date);
  const seconds = parseDuration(duration);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (seconds === null || !narrative.trim() || !date) return;
    const patch: EntryPatch = {};
    if (seconds !== entry.billedMinutes * 60) patch.durationSeconds = seconds;
    if (narrative.trim() !== entry.narrative) patch.narrative = narrative.trim();
    if (date !== entry.date) patch.date = date;
    if (Object.keys(patch).length) onSave(patch);
    else onClose();
  };

  return (
    <MountedModal onClose={onClose} title="Edit time entry" centered size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Time worked"
            description="12:30, 12m 30s or 0.3h; billed rounded up to the billing increment"
            value={duration}
            onChange={(e) => setDuration(e.currentTarget.value)}
            error={seconds === null ? 'Enter a duration such as 12:30 or 0.3h' : undefined}
            required
            data-autofocus
          />
          <TextInput
            label="Narrative"
            value={narrative}
            onChange={(e) => setNarrative(e.currentTarget.value)}
            error={!narrative.trim() ? 'Say what the time was spent on' : undefined}
            maxLength={2000}
            required
          />
          <TextInput
            type="date"
            label="Work date"
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={!date ? 'Pick the day of the work' : undefined}
            required
          />
          {error && (
            <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" title="Not saved">
              {describeError(error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </MountedModal>
  );
}
