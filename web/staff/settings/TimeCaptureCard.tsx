import { Alert, Button, Group, NumberInput, SimpleGrid, Switch } from '@mantine/core';
import { useState } from 'react';
import { type FirmSettings, fieldError, formError } from '../admin/queries';
import { SettingsCard } from './SettingsCard';
import { useSettingsPatch } from './use-settings-patch';

/**
 * The firm's time-capture switch, billing increment, default rate and chat window. Each user's own
 * switch is in Users → Manage.
 */
export function TimeCaptureCard({ settings }: { settings: FirmSettings }) {
  const patch = useSettingsPatch();
  const tc = settings.timeCapture;
  const [increment, setIncrement] = useState<number | string>(tc.incrementMinutes);
  const [rate, setRate] = useState<number | string>(tc.defaultRateCents / 100);
  const [window, setWindow] = useState<number | string>(tc.chatWindowMinutes);
  const err = (field: string) => fieldError(patch.error, `body.timeCapture.${field}`);
  const save = () =>
    patch.mutate({
      timeCapture: {
        incrementMinutes: Number(increment),
        defaultRateCents: Math.round(Number(rate) * 100),
        chatWindowMinutes: Number(window),
      },
    });
  return (
    <SettingsCard
      title="Time capture"
      description="Billable events from texts, e-mails and calls, and how they become time entries."
    >
      <Switch
        label="Capture time automatically"
        description="Off: no billable events are captured for anyone. Users can also be switched off one by one."
        checked={tc.enabled}
        disabled={patch.isPending}
        onChange={(e) => patch.mutate({ timeCapture: { enabled: e.currentTarget.checked } })}
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput
          label="Billing increment (minutes)"
          description="6 minutes = 0.1 hour"
          min={1}
          max={60}
          value={increment}
          onChange={setIncrement}
          error={err('incrementMinutes')}
        />
        <NumberInput
          label="Default hourly rate ($)"
          description="For timekeepers without their own rate"
          min={0}
          decimalScale={2}
          value={rate}
          onChange={setRate}
          error={err('defaultRateCents')}
        />
        <NumberInput
          label="Chat window (minutes)"
          description="A text within it extends the same event"
          min={1}
          max={240}
          value={window}
          onChange={setWindow}
          error={err('chatWindowMinutes')}
        />
      </SimpleGrid>
      <Group justify="flex-end">
        <Button variant="default" onClick={save} loading={patch.isPending}>
          Save time capture
        </Button>
      </Group>
      {formError(patch.error) && (
        <Alert color="red" role="alert" title="Not saved">
          {formError(patch.error)}
        </Alert>
      )}
    </SettingsCard>
  );
}
