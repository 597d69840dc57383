import { Alert, Button, Card, Group, NumberInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { measureSms } from '../../../contracts/sms-segments';
import { Loading } from '../../ui/LoadStates';
import { useApi } from '../../ui/Providers';
import { ApiError, describeError } from '../../ui/problem';
import { framedBody } from '../secure-chat/model';

/** The settings this card edits, as GET /api/v1/settings answers them. */
interface TextingSettings {
  secureChatTexting: {
    senderPrefix: string;
    firmDisplayName: string;
    optOutFooter: string;
    confirmAboveSegments: number;
    maxSegments: number;
  };
}

const SAMPLE = 'Your hearing moved to Friday at 10 am.';

/**
 * Settings › Secure Chat texting: how texts name their sender, the opt-out footer of a thread's first
 * text and the segment thresholds of the composer (the open-thread limit is on the Secure Chat card).
 * Self-contained (loads and saves GET/PUT /api/v1/settings); needs settings.manage to save.
 */
export function SecureChatTextingCard() {
  const api = useApi();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: ['settings'],
    queryFn: () => api.get<TextingSettings>('/api/v1/settings'),
  });
  const [form, setForm] = useState<TextingSettings | null>(null);
  useEffect(() => {
    if (settings.data) setForm(settings.data);
  }, [settings.data]);
  const save = useMutation({
    mutationFn: (value: TextingSettings) =>
      api.put<TextingSettings>('/api/v1/settings', { secureChatTexting: value.secureChatTexting }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings'], saved);
      void queryClient.invalidateQueries({ queryKey: ['conversations'] });
      notifications.show({ title: 'Texting settings saved', message: 'New texts follow them from now on.' });
    },
  });
  const fieldError = (name: string) =>
    save.error instanceof ApiError
      ? save.error.problem.errors?.find((e) => e.field.endsWith(name))?.message
      : undefined;

  if (settings.isPending || (!form && !settings.isError)) {
    return (
      <Card withBorder radius="lg">
        <Loading label="Loading the texting settings" />
      </Card>
    );
  }
  if (settings.isError || !form) {
    return (
      <Card withBorder radius="lg">
        <Alert
          color="red"
          icon={<IconAlertCircle aria-hidden />}
          role="alert"
          title="Settings could not be loaded"
        >
          <Text size="sm" mb="xs">
            {describeError(settings.error)}
          </Text>
          <Button size="xs" variant="white" color="red" onClick={() => settings.refetch()}>
            Try again
          </Button>
        </Alert>
      </Card>
    );
  }
  const texting = form.secureChatTexting;
  const set = (patch: Partial<TextingSettings['secureChatTexting']>) =>
    setForm({ ...form, secureChatTexting: { ...texting, ...patch } });
  const firm = texting.firmDisplayName.trim() || 'Your firm';
  const prefix = texting.senderPrefix.replaceAll('{firm}', firm).replaceAll('{name}', 'Alex Attorney').trim();
  const preview = framedBody(SAMPLE, { prefix: prefix || null, footer: texting.optOutFooter.trim() || null });
  const measure = measureSms(preview);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(form);
  };

  return (
    <Card withBorder radius="lg" component="section" aria-labelledby="secure-chat-texting-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <div>
            <Title order={2} size="h4" id="secure-chat-texting-title">
              Secure Chat texting
            </Title>
            <Text size="sm" c="dimmed">
              Clients see one firm number, so texts say who is writing: the first text of a thread, and any
              text from a colleague other than the last sender.
            </Text>
          </div>
          <TextInput
            label="Sender prefix"
            description="{firm} and {name} are filled in. Leave empty to send texts as written."
            value={texting.senderPrefix}
            onChange={(e) => set({ senderPrefix: e.currentTarget.value })}
            error={fieldError('senderPrefix')}
          />
          <TextInput
            label="Firm name in texts"
            description="Leave empty to use the firm’s name."
            value={texting.firmDisplayName}
            onChange={(e) => set({ firmDisplayName: e.currentTarget.value })}
            error={fieldError('firmDisplayName')}
          />
          <TextInput
            label="Opt-out footer"
            description="Added to the first text of every thread. Leave empty for none."
            value={texting.optOutFooter}
            onChange={(e) => set({ optOutFooter: e.currentTarget.value })}
            error={fieldError('optOutFooter')}
          />
          <Group grow align="flex-start">
            <NumberInput
              label="Ask before sending more than"
              suffix=" segments"
              min={1}
              max={10}
              value={texting.confirmAboveSegments}
              onChange={(v) => set({ confirmAboveSegments: Number(v) || 1 })}
              error={fieldError('confirmAboveSegments')}
            />
            <NumberInput
              label="Refuse texts longer than"
              suffix=" segments"
              min={1}
              max={10}
              value={texting.maxSegments}
              onChange={(v) => set({ maxSegments: Number(v) || 1 })}
              error={fieldError('maxSegments')}
            />
          </Group>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              First text of a thread, as the client receives it
            </Text>
            <Text
              size="sm"
              p="sm"
              bg="var(--mantine-color-default-hover)"
              style={{ whiteSpace: 'pre-wrap', borderRadius: 8 }}
              data-testid="texting-preview"
            >
              {preview}
            </Text>
            <Text size="xs" c="dimmed">
              {measure.segments} segment{measure.segments === 1 ? '' : 's'} · {measure.encoding}
            </Text>
            {measure.encoding === 'UCS-2' && (
              <Text size="xs" c="orange.9">
                {measure.nonGsmCharacters.join(' ')} is not in the GSM alphabet, so every named text goes as
                Unicode (70 characters per segment instead of 160). A plain hyphen keeps the longer segments.
              </Text>
            )}
          </Stack>
          {save.isError && (
            <Alert color="red" icon={<IconAlertCircle aria-hidden />} role="alert" title="Not saved">
              {describeError(save.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save texting settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
