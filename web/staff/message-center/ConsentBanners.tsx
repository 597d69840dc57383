import { Alert, Button, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconBan } from '@tabler/icons-react';
import type { ConsentEntry } from '../../../contracts/message-center';
import { Spinner } from '../../ui/LoadStates';
import { describeError } from '../../ui/problem';
import { formatWhen } from '../secure-chat/model';
import { useConsent } from './queries';

const CAUSE_WORDS: Record<ConsentEntry['cause'], string> = {
  keyword: 'texted a keyword',
  provider: 'the carrier reported an opt-out',
  staff: 'opted out by a colleague',
  revocation: 'asked to stop, confirmed by an agent',
};

function entryText(e: ConsentEntry): string {
  const state = e.state === 'opted_out' ? 'Opted out' : 'Opted in';
  const cause = e.cause === 'keyword' && e.keyword ? `texted “${e.keyword}”` : CAUSE_WORDS[e.cause];
  return `${state} · ${cause} · ${formatWhen(e.at)}`;
}

/** Why the public composer is off: the customer opted out, with the consent ledger of the number. */
export function OptedOutBanner({ conversationId }: { conversationId: string }) {
  const consent = useConsent(conversationId, true);
  const entries = consent.data?.items ?? [];
  const latest = [...entries].reverse().find((e) => e.state === 'opted_out');
  return (
    <Alert
      color="gray"
      variant="light"
      radius={0}
      icon={<IconBan aria-hidden />}
      title="The customer opted out of texts"
      data-testid="opted-out"
    >
      <Text size="sm">
        No text can be sent to this number from this campaign number
        {latest ? ` (${CAUSE_WORDS[latest.cause]}${latest.keyword ? `: “${latest.keyword}”` : ''})` : ''}.
        They can opt back in by texting START. Internal notes are still possible.
      </Text>
      {consent.isPending ? (
        <Spinner size="xs" label="Loading the consent history" />
      ) : consent.isError ? (
        <Text size="xs" c="red.8" role="alert">
          The consent history could not be loaded: {describeError(consent.error)}
        </Text>
      ) : entries.length > 0 ? (
        <details>
          <summary>
            <Text span size="xs" fw={600}>
              Consent history ({entries.length})
            </Text>
          </summary>
          <List size="xs" mt={4} aria-label="Consent history">
            {entries.map((e) => (
              <List.Item key={e.id}>{entryText(e)}</List.Item>
            ))}
          </List>
        </details>
      ) : null}
    </Alert>
  );
}

/** A text of the customer reads like "stop texting me": one click opts the number out. */
export function RevocationBanner({
  pending,
  error,
  onOptOut,
}: {
  pending: boolean;
  error: Error | null;
  onOptOut: () => void;
}) {
  return (
    <Alert
      color="orange"
      variant="light"
      radius={0}
      icon={<IconAlertTriangle aria-hidden />}
      title="The customer may want no more texts"
      styles={{ title: { color: 'var(--mantine-color-text)' } }}
      data-testid="revocation"
    >
      <Text size="sm" mb="xs">
        A message reads like a request to stop texting. If it is, opt the number out: no text will be sent to
        it from this campaign number until they text START.
      </Text>
      <Group gap="xs">
        <Button size="xs" color="red.9" loading={pending} onClick={onOptOut}>
          Opt out
        </Button>
        {error && (
          <Text size="xs" c="red.8" role="alert">
            {describeError(error)}
          </Text>
        )}
      </Group>
    </Alert>
  );
}
