import { Alert, Button, Group, Select, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { formatInZone } from '../../../contracts/time-zone';
import { type FirmSettings, fieldError, formError } from '../admin/queries';
import { SettingsCard } from './SettingsCard';
import { useSettingsPatch } from './use-settings-patch';

/** Every zone this browser knows, with the current one and UTC even where the list leaves them out. */
function zoneOptions(current: string, browser: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([current, browser, 'UTC', ...known])].sort((a, b) => a.localeCompare(b));
}

/**
 * The firm's time zone: the clock of billable event descriptions, the work date of time entries, the
 * dates of exports and e-mails, and the days the Time page groups by. Changing it affects what is
 * written from then on; descriptions already written keep their times.
 */
export function TimeZoneCard({ settings }: { settings: FirmSettings }) {
  const patch = useSettingsPatch();
  const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [zone, setZone] = useState(settings.timeZone);
  const options = useMemo(() => zoneOptions(settings.timeZone, browser), [settings.timeZone, browser]);
  const changed = zone !== settings.timeZone;
  return (
    <SettingsCard
      title="Time zone"
      description="The firm's day: times in billable event descriptions, work dates of time entries, export and e-mail dates."
    >
      <Group align="flex-end" gap="sm" wrap="wrap">
        <Select
          label="Firm time zone"
          searchable
          data={options}
          value={zone}
          onChange={(value) => value && setZone(value)}
          allowDeselect={false}
          maxDropdownHeight={280}
          w={300}
          maw="100%"
          error={fieldError(patch.error, 'body.timeZone')}
        />
        {browser !== zone && (
          <Button variant="subtle" onClick={() => setZone(browser)}>
            Use this browser’s zone ({browser})
          </Button>
        )}
        <Button
          variant="default"
          disabled={!changed}
          loading={patch.isPending}
          onClick={() => patch.mutate({ timeZone: zone })}
        >
          Save time zone
        </Button>
      </Group>
      <Text size="sm" c="dimmed" data-testid="firm-clock">
        Now at the firm: {formatInZone(new Date(), settings.timeZone)}. Descriptions already written keep
        their times.
      </Text>
      {formError(patch.error) && (
        <Alert color="red" role="alert" title="Not saved">
          {formError(patch.error)}
        </Alert>
      )}
    </SettingsCard>
  );
}
