import { Tabs } from '@mantine/core';
import { IconClockHour4, IconReceipt } from '@tabler/icons-react';
import { PageHeader } from '../../ui/PageHeader';
import { EventsPanel } from './EventsPanel';
import { useTimekeepers } from './queries';
import { TimeEntriesPanel } from './TimeEntriesPanel';

/** The Time page: the billable events dashboard and the time entries they became. */
export function TimePage() {
  // The server says whether the caller sees everyone's time; it decides whether to offer the timekeeper filter.
  const isBillingManager = useTimekeepers().data?.abilities.viewAll ?? false;
  return (
    <>
      <PageHeader
        title="Time"
        description="Billable time captured from your conversations and calls: review it, then convert it to time entries."
      />
      <Tabs defaultValue="events" keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="events" leftSection={<IconClockHour4 size={16} aria-hidden />}>
            Billable events
          </Tabs.Tab>
          <Tabs.Tab value="entries" leftSection={<IconReceipt size={16} aria-hidden />}>
            Time entries
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="events">
          <EventsPanel isBillingManager={isBillingManager} />
        </Tabs.Panel>
        <Tabs.Panel value="entries">
          <TimeEntriesPanel isBillingManager={isBillingManager} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
