import {
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Collapse,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure, useDocumentTitle, useMediaQuery } from '@mantine/hooks';
import { IconChevronDown, IconInfoCircle, IconMessageCircle } from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Matter } from '../../../contracts/matters';
import { DetailLoadError, Loading } from '../../ui/LoadStates';
import { contactPath } from '../contacts/queries';
import { useUsers } from '../secure-chat/queries';
import { SecureChatTab } from '../secure-chat/SecureChatTab';
import { useSecureChatEnabled } from '../settings/use-secure-chat-enabled';
import { LogTimeActions } from '../time/LogTimeActions';
import { MatterActions } from './MatterActions';
import { MatterOverview } from './MatterOverview';
import { matterPath, useMatter } from './queries';

type MatterTab = 'overview' | 'secure-chat';

/** `/matters/:matterId[/secure-chat[/:conversationId]]`: the matter's header and its tabs. */
export function MatterPage({ tab }: { tab: MatterTab }) {
  const { matterId = '', conversationId } = useParams();
  const matter = useMatter(matterId);
  useDocumentTitle(`${matter.data?.name ?? 'Matter'} · Parley`);

  if (matter.isPending) {
    return <Loading label="Loading the matter" />;
  }
  if (matter.isError) {
    return (
      <DetailLoadError
        noun="Matter"
        error={matter.error}
        onRetry={() => matter.refetch()}
        missingText="This matter does not exist or you may not see it."
        back={{ to: '/matters', label: 'Back to matters' }}
      />
    );
  }
  return <MatterLoaded matter={matter.data} tab={tab} conversationId={conversationId} />;
}

function MatterLoaded({
  matter,
  tab,
  conversationId,
}: {
  matter: Matter;
  tab: MatterTab;
  conversationId?: string;
}) {
  const navigate = useNavigate();
  const secureChat = useSecureChatEnabled();
  return (
    <>
      <MatterHeader matter={matter} inChat={tab === 'secure-chat'} />
      <Tabs
        value={tab}
        onChange={(value) =>
          navigate(value === 'secure-chat' ? matterPath(matter.id, 'secure-chat') : matterPath(matter.id))
        }
        keepMounted={false}
      >
        <Tabs.List mb="md" aria-label="Matter sections">
          <Tabs.Tab value="overview" leftSection={<IconInfoCircle size={16} aria-hidden />}>
            Overview
          </Tabs.Tab>
          {secureChat && (
            <Tabs.Tab value="secure-chat" leftSection={<IconMessageCircle size={16} aria-hidden />}>
              Secure Chat
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <MatterOverview matter={matter} />
        </Tabs.Panel>
        <Tabs.Panel value="secure-chat">
          <SecureChatTab
            scope={{ matterId: matter.id }}
            partners={matter.contacts ?? []}
            conversationId={conversationId}
          />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

/**
 * The matter's name, status and facts. In the chat on a phone the facts fold behind a "Details"
 * button, so the thread gets most of the screen.
 */
function MatterHeader({ matter, inChat }: { matter: Matter; inChat: boolean }) {
  const users = useUsers();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  const folded = inChat && phone;
  const [details, { toggle }] = useDisclosure(false);
  const nameOf = (id: string) => users.data?.items.find((u) => u.id === id)?.name ?? '…';
  const contacts = matter.contacts ?? [];
  return (
    <Stack gap="xs" mb={folded ? 'xs' : 'lg'}>
      <Breadcrumbs aria-label="Breadcrumb">
        <Anchor component={Link} to="/matters" size="sm">
          Matters
        </Anchor>
        <Text size="sm" c="dimmed" ff="monospace">
          {matter.number}
        </Text>
      </Breadcrumbs>
      <Group gap="sm" align="center">
        <Title order={1} size={folded ? 'h4' : 'h2'}>
          {matter.name}
        </Title>
        <Badge variant="light" color={matter.status === 'open' ? 'parley' : 'gray'} tt="none">
          {matter.status === 'open' ? 'Open' : 'Closed'}
        </Badge>
        {folded ? (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={toggle}
            aria-expanded={details}
            aria-controls="matter-details"
            rightSection={<IconChevronDown size={14} aria-hidden />}
          >
            Details
          </Button>
        ) : (
          <Group gap="xs">
            <MatterActions matter={matter} />
            <LogTimeActions scope={{ matterId: matter.id, matterName: matter.name, contacts }} />
          </Group>
        )}
      </Group>
      <Collapse expanded={!folded || details} id="matter-details">
        <Paper withBorder radius="lg" p="md">
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="lg" verticalSpacing="sm">
            <Fact label="Number">
              <Text ff="monospace">{matter.number}</Text>
            </Fact>
            <Fact label="Owner">{nameOf(matter.ownerId)}</Fact>
            <Fact label="Assignees">
              {matter.assigneeIds.length === 0 ? 'None' : matter.assigneeIds.map(nameOf).join(', ')}
            </Fact>
            <Fact label="Clients">
              {contacts.length === 0
                ? 'No linked contacts'
                : contacts.map((c, i) => (
                    <Fragment key={c.id}>
                      {i > 0 && ', '}
                      <Anchor component={Link} to={contactPath(c.id)} size="sm">
                        {c.name}
                      </Anchor>
                    </Fragment>
                  ))}
            </Fact>
          </SimpleGrid>
        </Paper>
      </Collapse>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" tt="uppercase" fw={600} c="dimmed">
        {label}
      </Text>
      <Text component="div" size="sm">
        {children}
      </Text>
    </Stack>
  );
}
