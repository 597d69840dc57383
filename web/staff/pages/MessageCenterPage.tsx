import { Text } from '@mantine/core';
import { PageHeader } from '../../ui/PageHeader';
import { MessageCenter } from '../message-center/MessageCenter';
import { useCan } from '../settings/access';

/** SMS conversations with customers: claim, answer, note, close. */
export function MessageCenterPage() {
  const allowed = useCan('message_center.use');
  return (
    <>
      <PageHeader
        title="Message Center"
        description="Text conversations with customers of your teams, by group, location and campaign number."
      />
      {allowed ? (
        <MessageCenter />
      ) : (
        <Text c="dimmed">
          The Message Center is for colleagues who answer customers' texts. An administrator can give you
          access (Users → Manage → Uses the Message Center).
        </Text>
      )}
    </>
  );
}
