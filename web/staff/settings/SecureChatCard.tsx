import { Alert, Button, Group, NumberInput, Switch } from '@mantine/core';
import { useState } from 'react';
import { type FirmSettings, fieldError, formError } from '../admin/queries';
import { SettingsCard } from './SettingsCard';
import { useSettingsPatch } from './use-settings-patch';

/** The Secure Chat switch and the limit of open threads one user may hold with one client. */
export function SecureChatCard({ settings }: { settings: FirmSettings }) {
  const patch = useSettingsPatch();
  const [limit, setLimit] = useState<number | string>(settings.secureChatMaxOpenPerClient);
  return (
    <SettingsCard title="Secure Chat" description="Texting clients from a matter through the firm's numbers.">
      <Switch
        label="Secure Chat is on"
        description="Off: nobody can start a thread, and the Secure Chat tabs are hidden. Existing threads stay archived."
        checked={settings.secureChatEnabled}
        disabled={patch.isPending}
        onChange={(e) => patch.mutate({ secureChatEnabled: e.currentTarget.checked })}
      />
      <Group align="flex-end" gap="sm">
        <NumberInput
          label="Open threads per user and client"
          description="Ending a thread frees a place."
          min={1}
          max={20}
          w={260}
          value={limit}
          onChange={setLimit}
          error={fieldError(patch.error, 'body.secureChatMaxOpenPerClient')}
        />
        <Button variant="default" onClick={() => patch.mutate({ secureChatMaxOpenPerClient: Number(limit) })}>
          Save limit
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
