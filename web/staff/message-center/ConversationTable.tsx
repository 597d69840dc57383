import { Badge, Group, Table, Text, UnstyledButton } from '@mantine/core';
import type { ConversationOut } from '../../../contracts/conversations';
import { formatPhone, formatWhen } from '../secure-chat/model';
import { AlertIcon } from './AlertIcon';
import { currentAlert } from './model';
import { ServiceAreaBadge } from './ServiceAreaBadge';

/**
 * The dashboard list: one row per conversation. Clicking a row (or its customer number, which is the
 * keyboard's way in) highlights it and opens the conversation as a tab of the right pane. Group, location
 * and team fold under the campaign when the list is narrow, and the table scrolls sideways inside its frame.
 */
export function ConversationTable({
  items,
  now,
  selectedId,
  onOpen,
}: {
  items: ConversationOut[];
  now: number;
  selectedId: string | null;
  onOpen: (c: ConversationOut) => void;
}) {
  return (
    <Table.ScrollContainer minWidth={520} className="mc-list">
      <Table highlightOnHover verticalSpacing="xs" aria-label="Conversations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>Alert</Table.Th>
            <Table.Th>Customer</Table.Th>
            <Table.Th className="mc-wide">Group</Table.Th>
            <Table.Th className="mc-wide">Location</Table.Th>
            <Table.Th>Campaign</Table.Th>
            <Table.Th className="mc-wide">Team</Table.Th>
            <Table.Th>Agent</Table.Th>
            <Table.Th>Message</Table.Th>
            <Table.Th>Time</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((c) => (
            <Row key={c.id} c={c} now={now} selected={c.id === selectedId} onOpen={onOpen} />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Row({
  c,
  now,
  selected,
  onOpen,
}: {
  c: ConversationOut;
  now: number;
  selected: boolean;
  onOpen: (c: ConversationOut) => void;
}) {
  const mc = c.messageCenter;
  const phone = formatPhone(mc?.customerPhone ?? c.contactPhone);
  const when = c.lastMessage?.createdAt ?? c.lastMessageAt ?? c.createdAt;
  const preview = c.lastMessage
    ? `${c.lastMessage.authorType === 'user' && c.lastMessage.authorName ? `${c.lastMessage.authorName}: ` : ''}${c.lastMessage.snippet}`
    : '';
  return (
    <Table.Tr
      className="mc-row"
      data-selected={selected || undefined}
      data-unread={c.unreadCount > 0 || undefined}
      data-conversation-id={c.id}
      onClick={() => onOpen(c)}
    >
      <Table.Td>
        <AlertIcon alert={currentAlert(c, now)} />
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <UnstyledButton
            className="mc-customer mc-nowrap"
            aria-pressed={selected}
            aria-label={`Open conversation with ${phone}${c.unreadCount > 0 ? `, ${c.unreadCount} unread` : ''}`}
            onClick={(e) => {
              e.stopPropagation();
              onOpen(c);
            }}
            fz="sm"
          >
            {phone}
          </UnstyledButton>
          {c.unreadCount > 0 && (
            <Badge size="sm" circle={c.unreadCount < 10} aria-hidden>
              {c.unreadCount}
            </Badge>
          )}
        </Group>
        {mc?.optedOut && (
          <Badge size="xs" color="gray" variant="light" tt="none">
            Opted out
          </Badge>
        )}
        <ServiceAreaBadge serviceArea={c.serviceArea} size="xs" />
      </Table.Td>
      <Table.Td className="mc-wide">
        <Text size="sm">{mc?.group.name}</Text>
      </Table.Td>
      <Table.Td className="mc-wide">
        <Text size="sm">{mc?.location.name}</Text>
      </Table.Td>
      <Table.Td maw={200}>
        {/* One line each, cut short: a wrapped campaign made every row several lines tall. */}
        <Text size="sm" truncate="end" title={mc?.campaign.name}>
          {mc?.campaign.name}
        </Text>
        <Text size="xs" c="dimmed" className="mc-narrow" truncate="end">
          {mc ? `${mc.group.name} · ${mc.location.name} · ${mc.team.name}` : ''}
        </Text>
      </Table.Td>
      <Table.Td className="mc-wide">
        <Text size="sm">{mc?.team.name}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={mc?.agent ? undefined : 'dimmed'}>
          {mc?.agent?.name ?? 'Unclaimed'}
        </Text>
      </Table.Td>
      <Table.Td maw={260} miw={120}>
        <Text size="sm" lineClamp={1} c="dimmed">
          {preview}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed" component="time" dateTime={when} className="mc-nowrap">
          {formatWhen(when)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
