import '../staff/secure-chat/secure-chat.css';
import {
  Alert,
  Box,
  Button,
  Container,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconAlertTriangle, IconDeviceMobile, IconSend } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { v7 as uuidv7 } from 'uuid';
import { formatPhone, formatWhen } from '../staff/secure-chat/model';
import { EmptyState } from '../ui/EmptyState';
import { Loading } from '../ui/LoadStates';
import { useApi } from '../ui/Providers';
import { describeError } from '../ui/problem';
import { firmNumbers, type OutboxText, phoneTimeline, type SentReply } from './model';

/** Jane Roe's mobile in the demo firm. */
const DEFAULT_PHONE = '+12025550143';

/**
 * /dev/phone (development only): plays a client's phone against the SMS simulator. It shows every text the
 * firm sent to the number (polling `/dev/sms/outbox` each second) and posts replies to `/dev/sms/inbound`
 * as if the carrier delivered them.
 */
export function DevPhonePage() {
  useDocumentTitle('Simulated phone · Parley');
  const api = useApi();
  const [phoneInput, setPhoneInput] = useState(DEFAULT_PHONE);
  const [phone] = useDebouncedValue(phoneInput.trim(), 400);
  const [replies, setReplies] = useState<SentReply[]>([]);

  const outbox = useQuery({
    queryKey: ['dev-sms-outbox', phone],
    queryFn: () => api.get<{ items: OutboxText[] }>(`/dev/sms/outbox?to=${encodeURIComponent(phone)}`),
    enabled: phone.length > 0,
    refetchInterval: 1000,
    refetchIntervalInBackground: true,
    staleTime: 0,
  });
  const received = outbox.data?.items ?? [];
  const numbers = firmNumbers(received);
  const timeline = phoneTimeline(phone, received, replies);

  const send = useMutation({
    mutationFn: (reply: SentReply) =>
      api.post('/dev/sms/inbound', { from: reply.from, to: reply.to, body: reply.body }),
    onMutate: (reply) => setReplies((all) => [...all, reply]),
    onSuccess: (_answer, reply) =>
      setReplies((all) => all.map((r) => (r.id === reply.id ? { ...r, state: 'sent' } : r))),
    onError: (error, reply) =>
      setReplies((all) =>
        all.map((r) => (r.id === reply.id ? { ...r, state: 'failed', error: describeError(error) } : r)),
      ),
  });

  return (
    <Box component="main" id="main" bg="gray.0" mih="100vh" py="lg">
      <Container size={560}>
        <Stack gap="md">
          <Paper
            withBorder
            radius="md"
            p="sm"
            bg="yellow.0"
            style={{ borderColor: 'var(--mantine-color-yellow-6)' }}
            role="note"
            aria-label="Development simulator"
          >
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <IconAlertTriangle
                size={24}
                aria-hidden
                color="var(--mantine-color-yellow-9)"
                style={{ flex: 'none', marginTop: 2 }}
              />
              <Stack gap={2}>
                <Text fw={700}>Development simulator</Text>
                <Text size="sm">
                  Not a real phone. Texts your firm sends through the SMS simulator to this number show up
                  here, and replies are handed to Parley as if the carrier delivered them. This page exists
                  only while development routes are enabled.
                </Text>
              </Stack>
            </Group>
          </Paper>
          <Group gap="sm">
            <IconDeviceMobile size={28} aria-hidden />
            <Title order={1} size="h2">
              Simulated phone
            </Title>
          </Group>
          <TextInput
            label="Client phone number"
            description="The phone this page plays, in E.164 form (Jane Roe: +12025550143)"
            value={phoneInput}
            onChange={(e) => setPhoneInput(e.currentTarget.value)}
            inputMode="tel"
            autoComplete="off"
          />
          <Paper withBorder radius="xl" className="chat" aria-label={`Texts of ${formatPhone(phone)}`}>
            <Group className="chat-header" justify="space-between">
              <Text fw={600}>{formatPhone(phone) || 'No number'}</Text>
              <Text size="xs" c="dimmed">
                Checks every second
              </Text>
            </Group>
            <PhoneLog
              loading={outbox.isPending && phone.length > 0}
              error={outbox.isError ? outbox.error : null}
              entries={timeline}
            />
            <Box className="chat-composer">
              <ReplyForm
                numbers={numbers}
                disabled={!phone}
                onSend={(to, body) =>
                  send.mutate({
                    id: uuidv7(),
                    from: phone,
                    to,
                    body,
                    at: new Date().toISOString(),
                    state: 'sending',
                  })
                }
              />
            </Box>
          </Paper>
        </Stack>
      </Container>
    </Box>
  );
}

function PhoneLog({
  loading,
  error,
  entries,
}: {
  loading: boolean;
  error: Error | null;
  entries: ReturnType<typeof phoneTimeline>;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const count = entries.length;
  useEffect(() => {
    if (count && ref.current) ref.current.scrollTop = ref.current.scrollHeight;
  }, [count]);
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
    <div ref={ref} className="chat-log" role="log" aria-label="Texts on this phone" tabIndex={0}>
      {error && (
        <Alert
          color="red"
          icon={<IconAlertCircle aria-hidden />}
          role="alert"
          title="The simulator did not answer"
          mb="sm"
        >
          {describeError(error)} Is the server running with SMS_PROVIDER=simulator?
        </Alert>
      )}
      {loading ? (
        <Loading label="Loading texts" />
      ) : entries.length === 0 ? (
        <EmptyState icon={<IconDeviceMobile size={28} />} title="No texts yet">
          Start a secure chat with this number in Parley and send a message: it appears here within a second.
        </EmptyState>
      ) : (
        <Stack gap="sm">
          {entries.map((e) => (
            <Box
              key={e.id}
              className="bubble-row"
              data-side={e.direction === 'in' ? 'client' : 'staff'}
              role="article"
              aria-label={
                e.direction === 'in' ? `Text from ${formatPhone(e.from)}` : `Reply to ${formatPhone(e.to)}`
              }
            >
              <Text size="xs" c="dimmed">
                {e.direction === 'in' ? `From ${formatPhone(e.from)}` : `To ${formatPhone(e.to)}`} ·{' '}
                {formatWhen(e.at)}
              </Text>
              <Box className="bubble" data-side={e.direction === 'in' ? 'client' : 'staff'}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {e.body}
                </Text>
              </Box>
              {e.direction === 'out' && e.state !== 'sent' && (
                <Text size="xs" c={e.state === 'failed' ? 'red.8' : 'dimmed'}>
                  {e.state === 'failed' ? `Not delivered: ${e.error}` : 'Sending…'}
                </Text>
              )}
            </Box>
          ))}
        </Stack>
      )}
    </div>
  );
}

function ReplyForm({
  numbers,
  disabled,
  onSend,
}: {
  numbers: string[];
  disabled: boolean;
  onSend: (to: string, body: string) => void;
}) {
  const [to, setTo] = useState('');
  const [body, setBody] = useState('');
  const latest = numbers[0] ?? '';
  // Follow the latest sender until the user picks another number.
  const [picked, setPicked] = useState(false);
  const target = picked && numbers.includes(to) ? to : latest;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!target || !body.trim()) return;
    onSend(target, body.trim());
    setBody('');
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="xs">
        <NativeSelect
          label="Reply to"
          size="xs"
          value={target}
          onChange={(e) => {
            setTo(e.currentTarget.value);
            setPicked(true);
          }}
          data={
            numbers.length
              ? numbers.map((n) => ({ value: n, label: formatPhone(n) }))
              : [{ value: '', label: 'No firm number has texted this phone yet' }]
          }
          disabled={numbers.length === 0}
        />
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <Textarea
            aria-label="Reply"
            placeholder={target ? 'Type a reply…' : 'Waiting for a text from the firm…'}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) submit(e);
            }}
            autosize
            minRows={1}
            maxRows={4}
            style={{ flex: 1 }}
            disabled={disabled}
          />
          <Button
            type="submit"
            leftSection={<IconSend size={16} aria-hidden />}
            disabled={disabled || !target || !body.trim()}
          >
            Send
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
