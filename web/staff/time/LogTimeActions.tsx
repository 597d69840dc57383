import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useInterval } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconMail, IconPhone, IconPlayerStop } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { MountedModal } from '../../ui/MountedModal';
import { describeError } from '../../ui/problem';
import { matterPath } from '../matters/queries';
import { elapsedSeconds, type RunningCall, useCallTimer } from './call-timer';
import { durationInput, parseDuration } from './duration';
import { type LoggedEvent, useLogEvent } from './review-queries';

interface Option {
  id: string;
  name: string;
}

/** Where the actions sit: a matter (pick among its clients) or a contact (pick among their matters). */
export type LogScope =
  | { matterId: string; matterName: string; contacts: Option[] }
  | { contactId: string; matters: Option[] };

type Dialog = 'call' | 'email' | 'stop' | null;

/**
 * "Log call" and "Log e-mail" on a matter or contact page: each becomes the user's billable event, named
 * and timed like captured ones. A call is timed with a start/stop timer that keeps running across pages,
 * or logged afterwards with the duration typed in.
 */
export function LogTimeActions({ scope }: { scope: LogScope }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const timer = useCallTimer();
  const log = useLogEvent();
  const open = (d: Dialog) => {
    log.reset();
    setDialog(d);
  };
  const submit = (body: LoggedEvent, after?: () => void) =>
    log.mutate(body, {
      onSuccess: (event) => {
        after?.();
        setDialog(null);
        notifications.show({
          color: 'teal',
          title: body.source === 'call' ? 'Call logged' : 'E-mail logged',
          message: event.description,
          styles: { description: { color: 'var(--mantine-color-text)' } },
          closeButtonProps: { 'aria-label': 'Close notification' },
        });
      },
    });

  return (
    <Group gap="xs" wrap="wrap">
      {timer.running ? (
        <RunningCallBar call={timer.running} onStop={() => open('stop')} />
      ) : (
        <Button
          variant="default"
          leftSection={<IconPhone size={16} aria-hidden />}
          onClick={() => open('call')}
        >
          Log call
        </Button>
      )}
      <Button
        variant="default"
        leftSection={<IconMail size={16} aria-hidden />}
        onClick={() => open('email')}
      >
        Log e-mail
      </Button>
      {dialog === 'call' && (
        <CallDialog
          scope={scope}
          onClose={() => setDialog(null)}
          onStart={(call) => {
            timer.start(call);
            setDialog(null);
          }}
          onLog={(body) => submit(body)}
          pending={log.isPending}
          error={log.error}
        />
      )}
      {dialog === 'stop' && timer.running && (
        <StopDialog
          call={timer.running}
          onClose={() => setDialog(null)}
          onDiscard={() => {
            timer.clear();
            setDialog(null);
          }}
          onLog={(body) => submit(body, timer.clear)}
          pending={log.isPending}
          error={log.error}
        />
      )}
      {dialog === 'email' && (
        <EmailDialog
          scope={scope}
          onClose={() => setDialog(null)}
          onLog={(body) => submit(body)}
          pending={log.isPending}
          error={log.error}
        />
      )}
    </Group>
  );
}

/** The running call: its clock, its matter (a link, when timed elsewhere) and Stop. */
function RunningCallBar({ call, onStop }: { call: RunningCall; onStop: () => void }) {
  const [now, setNow] = useState(Date.now());
  useInterval(() => setNow(Date.now()), 1000, { autoInvoke: true });
  return (
    <Paper withBorder radius="md" px="sm" py={4} bg="var(--mantine-color-red-light)">
      <Group gap="sm" wrap="nowrap">
        <Text size="sm" fw={600} role="timer" aria-label="Call timer" ff="monospace">
          {durationInput(elapsedSeconds(call.startedAt, now))}
        </Text>
        <Text size="sm">
          Call on{' '}
          <Anchor component={Link} to={matterPath(call.matterId)} size="sm">
            {call.matterName}
          </Anchor>
        </Text>
        <Button
          size="xs"
          color="red.9"
          leftSection={<IconPlayerStop size={14} aria-hidden />}
          onClick={onStop}
        >
          Stop call
        </Button>
      </Group>
    </Paper>
  );
}

function ErrorAlert({ error }: { error: Error | null }) {
  if (!error) return null;
  return (
    <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" title="Not logged">
      {describeError(error)}
    </Alert>
  );
}

/** The matter and client pickers the scope leaves open. */
function useTarget(scope: LogScope) {
  const [matterId, setMatterId] = useState<string | null>(
    'matterId' in scope ? scope.matterId : (scope.matters[0]?.id ?? null),
  );
  const [contactId, setContactId] = useState<string | null>(
    'contactId' in scope ? scope.contactId : (scope.contacts[0]?.id ?? null),
  );
  const matterName =
    'matterId' in scope ? scope.matterName : (scope.matters.find((m) => m.id === matterId)?.name ?? '');
  const pickers: ReactNode =
    'matterId' in scope ? (
      <Select
        label="Client"
        placeholder="No client named"
        data={scope.contacts.map((c) => ({ value: c.id, label: c.name }))}
        value={contactId}
        onChange={setContactId}
        clearable
      />
    ) : (
      <Select
        label="Matter"
        placeholder={scope.matters.length ? 'Pick a matter' : 'No matters you can see'}
        data={scope.matters.map((m) => ({ value: m.id, label: m.name }))}
        value={matterId}
        onChange={setMatterId}
        error={scope.matters.length ? undefined : 'Link this contact to a matter to log time for them'}
        required
        allowDeselect={false}
      />
    );
  return { matterId, contactId, matterName, pickers };
}

function CallDialog({
  scope,
  onClose,
  onStart,
  onLog,
  pending,
  error,
}: {
  scope: LogScope;
  onClose: () => void;
  onStart: (call: Omit<RunningCall, 'startedAt'>) => void;
  onLog: (body: LoggedEvent) => void;
  pending: boolean;
  error: Error | null;
}) {
  const target = useTarget(scope);
  const [mode, setMode] = useState<'timer' | 'duration'>('timer');
  const [duration, setDuration] = useState('');
  const [description, setDescription] = useState('');
  const seconds = parseDuration(duration);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!target.matterId) return;
    if (mode === 'timer') {
      onStart({ matterId: target.matterId, matterName: target.matterName, contactId: target.contactId });
      return;
    }
    if (seconds === null) return;
    onLog({
      source: 'call',
      matterId: target.matterId,
      ...(target.contactId ? { contactId: target.contactId } : {}),
      // A call logged afterwards ended just now.
      startedAt: new Date(Date.now() - seconds * 1000).toISOString(),
      durationSeconds: seconds,
      ...(description.trim() ? { description: description.trim() } : {}),
    });
  };

  return (
    <MountedModal onClose={onClose} title="Log call" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {target.pickers}
          <SegmentedControl
            aria-label="How to time the call"
            value={mode}
            onChange={(v) => setMode(v as 'timer' | 'duration')}
            data={[
              { value: 'timer', label: 'Start a timer' },
              { value: 'duration', label: 'Enter the duration' },
            ]}
          />
          {mode === 'timer' ? (
            <Text size="sm">
              The timer keeps running while you work elsewhere in Parley. Stop it from any matter or contact
              page when the call ends.
            </Text>
          ) : (
            <>
              <TextInput
                label="Duration"
                description="12:30, 12m 30s or 0.3h"
                value={duration}
                onChange={(e) => setDuration(e.currentTarget.value)}
                error={duration && seconds === null ? 'Enter a duration such as 12:30 or 0.3h' : undefined}
                required
                data-autofocus
              />
              <TextInput
                label="Description"
                description="Leave empty for “Call with <client> re <matter> (<times>)”"
                value={description}
                onChange={(e) => setDescription(e.currentTarget.value)}
                maxLength={2000}
              />
            </>
          )}
          <ErrorAlert error={error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={pending}
              disabled={!target.matterId || (mode === 'duration' && seconds === null)}
            >
              {mode === 'timer' ? 'Start timer' : 'Log call'}
            </Button>
          </Group>
        </Stack>
      </form>
    </MountedModal>
  );
}

function StopDialog({
  call,
  onClose,
  onDiscard,
  onLog,
  pending,
  error,
}: {
  call: RunningCall;
  onClose: () => void;
  onDiscard: () => void;
  onLog: (body: LoggedEvent) => void;
  pending: boolean;
  error: Error | null;
}) {
  // The call ended when Stop was pressed, not when the form is sent.
  const [endedAt] = useState(() => new Date());
  const [description, setDescription] = useState('');
  const seconds = Math.max(1, elapsedSeconds(call.startedAt, endedAt.getTime()));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onLog({
      source: 'call',
      matterId: call.matterId,
      ...(call.contactId ? { contactId: call.contactId } : {}),
      startedAt: call.startedAt,
      endedAt: new Date(Date.parse(call.startedAt) + seconds * 1000).toISOString(),
      ...(description.trim() ? { description: description.trim() } : {}),
    });
  };
  return (
    <MountedModal onClose={onClose} title="Call ended" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            Call on {call.matterName}:{' '}
            <Text span fw={600} data-testid="call-duration">
              {durationInput(seconds)}
            </Text>
          </Text>
          <TextInput
            label="Description"
            description="Leave empty for “Call with <client> re <matter> (<times>)”"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            maxLength={2000}
            data-autofocus
          />
          <ErrorAlert error={error} />
          <Group justify="space-between" gap="sm">
            <Button variant="subtle" color="red" onClick={onDiscard}>
              Discard call
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                Keep timing
              </Button>
              <Button type="submit" loading={pending}>
                Log call
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </MountedModal>
  );
}

/** A local date-time input value ("2026-03-02T14:10") for now. */
function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

function EmailDialog({
  scope,
  onClose,
  onLog,
  pending,
  error,
}: {
  scope: LogScope;
  onClose: () => void;
  onLog: (body: LoggedEvent) => void;
  pending: boolean;
  error: Error | null;
}) {
  const target = useTarget(scope);
  const [sentAt, setSentAt] = useState(localNow);
  const [description, setDescription] = useState('');
  const sent = new Date(sentAt);
  const valid = !Number.isNaN(sent.getTime());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!target.matterId || !valid) return;
    onLog({
      source: 'email',
      matterId: target.matterId,
      ...(target.contactId ? { contactId: target.contactId } : {}),
      sentAt: sent.toISOString(),
      ...(description.trim() ? { description: description.trim() } : {}),
    });
  };
  return (
    <MountedModal onClose={onClose} title="Log e-mail" centered>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            An e-mail counts the firm’s default e-mail time; you can adjust it on the Time page.
          </Text>
          {target.pickers}
          <TextInput
            type="datetime-local"
            label="Sent at"
            value={sentAt}
            onChange={(e) => setSentAt(e.currentTarget.value)}
            error={valid ? undefined : 'Enter when the e-mail was sent'}
            required
          />
          <TextInput
            label="Description"
            description="Leave empty for “E-mail to <client> re <matter> (<time>)”"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            maxLength={2000}
          />
          <ErrorAlert error={error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={!target.matterId || !valid}>
              Log e-mail
            </Button>
          </Group>
        </Stack>
      </form>
    </MountedModal>
  );
}
