import {
  Alert,
  Anchor,
  Box,
  Container,
  Grid,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconAlertTriangle, IconMail } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { formatWhen } from '../staff/secure-chat/model';
import { EmptyState } from '../ui/EmptyState';
import { Loading } from '../ui/LoadStates';
import { useApi } from '../ui/Providers';
import { describeError } from '../ui/problem';
import { type DevMail, framedHtml, linkify, newestFirst } from './model';

/**
 * /dev/mail (development only): the e-mails Parley sent through the dev mailbox (MAIL_TRANSPORT=dev), polled
 * each second from `GET /dev/mail`. The text version shows with clickable links; the HTML version renders in
 * a sandboxed frame (no scripts, no same-origin access; links open in a new tab).
 */
export function DevMailPage() {
  useDocumentTitle('Dev mailbox · Parley');
  const api = useApi();
  const [addressInput, setAddressInput] = useState('');
  const [address] = useDebouncedValue(addressInput.trim(), 400);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const mailbox = useQuery({
    queryKey: ['dev-mail', address],
    queryFn: () => api.get<{ items: DevMail[] }>(`/dev/mail?to=${encodeURIComponent(address)}`),
    refetchInterval: 1000,
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
  const mails = newestFirst(mailbox.data?.items ?? []);
  const selected = mails.find((m) => m.id === selectedId) ?? mails[0];

  return (
    <Box component="main" id="main" bg="gray.0" mih="100vh" py="lg">
      <Container size="lg">
        <Stack gap="md">
          <Paper
            withBorder
            radius="md"
            p="sm"
            bg="yellow.0"
            style={{ borderColor: 'var(--mantine-color-yellow-6)' }}
            role="note"
            aria-label="Development mailbox"
          >
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <IconAlertTriangle
                size={24}
                aria-hidden
                color="var(--mantine-color-yellow-9)"
                style={{ flex: 'none', marginTop: 2 }}
              />
              <Stack gap={2}>
                <Text fw={700}>Development mailbox</Text>
                <Text size="sm">
                  Not a real mailbox. E-mails Parley sends with MAIL_TRANSPORT=dev land here instead of
                  leaving the server. This page exists only while development routes are enabled.
                </Text>
              </Stack>
            </Group>
          </Paper>
          <Group gap="sm">
            <IconMail size={28} aria-hidden />
            <Title order={1} size="h2">
              Dev mailbox
            </Title>
          </Group>
          <TextInput
            label="Recipient address"
            description="Only e-mails to this address; leave it empty to see every e-mail"
            value={addressInput}
            onChange={(e) => setAddressInput(e.currentTarget.value)}
            type="email"
            autoComplete="off"
          />
          {mailbox.isError && (
            <Alert
              color="red"
              icon={<IconAlertCircle aria-hidden />}
              role="alert"
              title="The mailbox did not answer"
            >
              {describeError(mailbox.error)} Is the server running with MAIL_TRANSPORT=dev?
            </Alert>
          )}
          {mailbox.isPending ? (
            <Loading label="Loading e-mails" />
          ) : mails.length === 0 ? (
            <Paper withBorder radius="md">
              <EmptyState icon={<IconMail size={28} />} title="No e-mails yet">
                Invite a contact to the client portal, for example: the invitation appears here within a
                second.
              </EmptyState>
            </Paper>
          ) : (
            <Grid gap="md">
              <Grid.Col span={{ base: 12, md: 4 }}>
                <MailList mails={mails} selectedId={selected?.id} onSelect={setSelectedId} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 8 }}>{selected && <MailView mail={selected} />}</Grid.Col>
            </Grid>
          )}
        </Stack>
      </Container>
    </Box>
  );
}

function MailList({
  mails,
  selectedId,
  onSelect,
}: {
  mails: DevMail[];
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}) {
  return (
    <Paper withBorder radius="md" component="nav" aria-label="E-mails, newest first">
      <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }}>
        {mails.map((m) => {
          const current = m.id === selectedId;
          return (
            <li key={m.id}>
              <UnstyledButton
                onClick={() => onSelect(m.id)}
                aria-current={current ? 'true' : undefined}
                w="100%"
                p="sm"
                bg={current ? 'parley.0' : undefined}
                style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
              >
                <Text fw={current ? 700 : 500} size="sm" lineClamp={2}>
                  {m.subject || '(no subject)'}
                </Text>
                <Text size="xs" c="gray.7">
                  To {m.to} · {formatWhen(m.at)}
                </Text>
              </UnstyledButton>
            </li>
          );
        })}
      </Stack>
    </Paper>
  );
}

function MailView({ mail }: { mail: DevMail }) {
  const [version, setVersion] = useState<'text' | 'html'>('text');
  return (
    <Paper withBorder radius="md" p="md" component="article" aria-labelledby="mail-subject">
      <Stack gap="sm">
        <Title order={2} size="h3" id="mail-subject">
          {mail.subject || '(no subject)'}
        </Title>
        <Box
          component="dl"
          m={0}
          style={{ display: 'grid', gridTemplateColumns: 'auto 1fr', gap: '2px 12px' }}
        >
          {[
            ['From', mail.from],
            ['To', mail.to],
            ['Date', new Date(mail.at).toUTCString()],
            ['Message-ID', mail.messageId],
          ].map(([label, value]) => (
            <Box key={label} style={{ display: 'contents' }}>
              <Text component="dt" size="sm" c="gray.7">
                {label}
              </Text>
              <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
                {value}
              </Text>
            </Box>
          ))}
        </Box>
        <SegmentedControl
          aria-label="Version of the e-mail"
          value={version}
          onChange={(v) => setVersion(v as 'text' | 'html')}
          data={[
            { value: 'text', label: 'Text' },
            { value: 'html', label: 'HTML' },
          ]}
          w="fit-content"
        />
        {version === 'text' ? (
          <Text
            component="div"
            size="sm"
            aria-label="Text version"
            style={{
              whiteSpace: 'pre-wrap',
              overflowWrap: 'anywhere',
              fontFamily: 'var(--mantine-font-family)',
            }}
          >
            {linkify(mail.text).map((part, i) =>
              part.kind === 'link' ? (
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder
                <Anchor key={i} href={part.href}>
                  {part.href}
                </Anchor>
              ) : (
                // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text never reorder
                <span key={i}>{part.text}</span>
              ),
            )}
          </Text>
        ) : (
          <iframe
            title={`HTML version of ${mail.subject}`}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            srcDoc={framedHtml(mail.html)}
            style={{
              width: '100%',
              minHeight: 420,
              border: '1px solid var(--mantine-color-gray-3)',
              borderRadius: 8,
            }}
          />
        )}
      </Stack>
    </Paper>
  );
}
