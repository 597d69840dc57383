import { Paper } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { EmptyState } from '../../ui/EmptyState';
import { PageHeader } from '../../ui/PageHeader';

/** Firm-wide settings and the user's own account security. */
export function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="How your firm uses Parley, and your own account." />
      <Paper withBorder radius="lg">
        <EmptyState icon={<IconSettings size={28} />} title="Settings are on their way">
          Firm settings (e-mail notifications, client messaging rules, time capture increments, alert times),
          users and teams, and your two-factor authentication will be managed here.
        </EmptyState>
      </Paper>
    </>
  );
}
