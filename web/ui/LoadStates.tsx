import { Alert, Button, Group, Loader, type MantineSpacing, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { describeError } from './problem';

/** A centred spinner with an accessible label, shown while a query loads. */
export function Loading({ label }: { label: string }) {
  return (
    <Group justify="center" py="xl">
      <Loader aria-label={label} />
    </Group>
  );
}

/** Why a query failed, in words, with a way to try again. */
export function LoadError({
  title,
  error,
  onRetry,
  m,
}: {
  title: string;
  error: unknown;
  onRetry: () => void;
  m?: MantineSpacing;
}) {
  return (
    <Alert m={m} color="red" icon={<IconAlertCircle aria-hidden />} title={title} role="alert">
      <Text size="sm" mb="sm">
        {describeError(error)}
      </Text>
      <Button size="xs" variant="white" color="red" onClick={onRetry}>
        Try again
      </Button>
    </Alert>
  );
}
