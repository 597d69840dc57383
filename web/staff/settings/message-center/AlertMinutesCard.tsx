import { Alert, Button, Group, NumberInput } from '@mantine/core';
import { useState } from 'react';
import { fieldError, formError } from '../../admin/queries';
import { SettingsCard } from '../SettingsCard';
import { useSettingsPatch } from '../use-settings-patch';

/** After how many minutes an unclaimed conversation flashes and a waiting customer raises the alarm clock. */
export function AlertMinutesCard({ alertMinutes }: { alertMinutes: number }) {
  const patch = useSettingsPatch();
  const [minutes, setMinutes] = useState<number | string>(alertMinutes);
  return (
    <SettingsCard
      title="Message Center alerts"
      description="How long a conversation may stay unclaimed, or a customer wait for an answer, before the dashboard alerts agents."
    >
      <Group align="flex-end" gap="sm">
        <NumberInput
          label="Alert after (minutes)"
          min={1}
          max={1440}
          value={minutes}
          onChange={setMinutes}
          error={fieldError(patch.error, 'body.alertMinutes')}
          w={200}
        />
        <Button
          variant="default"
          loading={patch.isPending}
          onClick={() => patch.mutate({ alertMinutes: Number(minutes) })}
        >
          Save alerts
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
