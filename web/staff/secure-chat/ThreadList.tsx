import { Badge, Group, Stack, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconBellOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { ConversationOut } from '../../../contracts/conversations';
import { formatPhone, formatWhen } from './model';
import { type ChatScope, secureChatPath } from './scope';

/**
 * The threads of a matter, a contact or the Inbox, most recent activity first; each is a link to its chat.
 * On a matter a thread is named by its client; on a contact, whose threads all share the client, by its
 * matter; in the Inbox by its client, with its matter below.
 */
export function ThreadList({
  scope,
  threads,
  selectedId,
  matterNames,
}: {
  scope: ChatScope;
  threads: ConversationOut[];
  selectedId?: string;
  /** Matter names by id, for naming threads on a contact and in the Inbox. */
  matterNames?: ReadonlyMap<string, string>;
}) {
  const sorted = [...threads].sort((a, b) => recency(b).localeCompare(recency(a)));
  return (
    <nav aria-label="Secure chat threads">
      <Stack component="ul" gap={2} m={0} p={0} style={{ listStyle: 'none' }}>
        {sorted.map((t) => {
          const current = t.id === selectedId;
          const matterName = (t.matterId ? matterNames?.get(t.matterId) : undefined) ?? 'Matter';
          const name = 'contactId' in scope ? matterName : (t.contact?.name ?? 'Client');
          return (
            <li key={t.id}>
              <UnstyledButton
                component={Link}
                to={secureChatPath(scope, t.id)}
                aria-current={current ? 'page' : undefined}
                className="thread-link"
                data-active={current || undefined}
                data-unread={t.unreadCount > 0 || undefined}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <Stack gap={0} miw={0}>
                    <Group gap={6} wrap="nowrap">
                      <Text fw={t.unreadCount > 0 ? 700 : 600} size="sm" truncate>
                        {name}
                      </Text>
                      {t.muted && (
                        <>
                          <IconBellOff size={14} aria-hidden color="var(--mantine-color-gray-7)" />
                          <VisuallyHidden>(muted)</VisuallyHidden>
                        </>
                      )}
                    </Group>
                    {'inbox' in scope && (
                      <Text size="xs" truncate>
                        {matterName}
                      </Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {formatPhone(t.contactPhone)}
                      {t.firmPhone ? ` · from ${formatPhone(t.firmPhone)}` : ''}
                    </Text>
                    <Text size="xs" lineClamp={1} data-testid="thread-preview">
                      {t.lastMessage ? (
                        <>
                          <Text span size="xs" fw={600}>
                            {previewAuthor(t)}:
                          </Text>{' '}
                          {t.lastMessage.snippet}
                        </>
                      ) : (
                        <Text span size="xs" c="dimmed">
                          No messages yet
                        </Text>
                      )}
                    </Text>
                    {t.creatorName && (
                      <Text size="xs" c="dimmed">
                        Started by {t.creatorName}
                      </Text>
                    )}
                  </Stack>
                  <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {t.lastMessageAt ? formatWhen(t.lastMessageAt) : 'No messages'}
                    </Text>
                    <Group gap={4} wrap="nowrap">
                      <Badge size="xs" variant="dot" color={t.status === 'open' ? 'teal' : 'gray'} tt="none">
                        {t.status === 'open' ? 'Open' : 'Ended'}
                      </Badge>
                      {t.unreadCount > 0 && (
                        <Badge size="sm" circle color="red">
                          {t.unreadCount}
                          <VisuallyHidden> unread</VisuallyHidden>
                        </Badge>
                      )}
                    </Group>
                  </Stack>
                </Group>
              </UnstyledButton>
            </li>
          );
        })}
      </Stack>
    </nav>
  );
}

/** Who wrote the previewed message, in the list's words. */
function previewAuthor(t: ConversationOut): string {
  const m = t.lastMessage;
  if (!m) return '';
  if (m.authorType === 'system') return 'Note';
  return m.authorName ?? (m.authorType === 'contact' ? (t.contact?.name ?? 'Client') : 'Staff');
}

function recency(t: ConversationOut): string {
  return t.lastMessageAt ?? t.createdAt ?? '';
}
