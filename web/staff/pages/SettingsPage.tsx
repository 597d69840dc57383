import { Stack, Text } from '@mantine/core';
import { LoadError, Loading } from '../../ui/LoadStates';
import { PageHeader } from '../../ui/PageHeader';
import { useFirmSettings } from '../admin/queries';
import { AuditLogCard } from '../settings/AuditLogCard';
import { useCan } from '../settings/access';
import { AlertMinutesCard } from '../settings/message-center/AlertMinutesCard';
import { CampaignsCard } from '../settings/message-center/CampaignsCard';
import { GroupsLocationsCard } from '../settings/message-center/GroupsLocationsCard';
import { QuickRepliesCard } from '../settings/message-center/QuickRepliesCard';
import { NumberPoolCard } from '../settings/NumberPoolCard';
import { SecureChatCard } from '../settings/SecureChatCard';
import { SecureChatTextingCard } from '../settings/SecureChatTextingCard';
import { TimeCaptureCard } from '../settings/TimeCaptureCard';
import { TimeZoneCard } from '../settings/TimeZoneCard';

/**
 * Firm settings as a column of self-contained cards (one file each), so a feature adds its own card
 * here. Cards that change settings need settings.manage; the audit log needs audit.read.
 */
export function SettingsPage() {
  const settings = useFirmSettings();
  const manage = useCan('settings.manage');
  const audit = useCan('audit.read');
  return (
    <>
      <PageHeader title="Settings" description="How your firm uses Parley." />
      {!manage && !audit ? (
        <Text c="dimmed">Firm settings are managed by your administrators.</Text>
      ) : (
        <Stack gap="lg">
          {manage &&
            (settings.isPending ? (
              <Loading label="Loading settings" />
            ) : settings.isError ? (
              <LoadError
                title="Settings could not be loaded"
                error={settings.error}
                onRetry={() => settings.refetch()}
              />
            ) : (
              <>
                <SecureChatCard settings={settings.data} />
                <SecureChatTextingCard />
                <TimeCaptureCard settings={settings.data} />
                <TimeZoneCard settings={settings.data} />
                <NumberPoolCard />
                <GroupsLocationsCard />
                <CampaignsCard />
                <QuickRepliesCard />
                <AlertMinutesCard alertMinutes={settings.data.alertMinutes ?? 5} />
              </>
            ))}
          {audit && <AuditLogCard />}
        </Stack>
      )}
    </>
  );
}
