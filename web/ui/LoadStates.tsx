import {
  Alert,
  Box,
  Button,
  Group,
  Loader,
  type MantineSize,
  type MantineSpacing,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ApiError, describeError } from './problem';

/**
 * A spinner that assistive technology reads: a status live region whose text is the label. (An aria-label on
 * Mantine's Loader alone sits on a span without a role, where it is not allowed and not read.)
 */
export function Spinner({ label, size }: { label: string; size?: MantineSize | number }) {
  return (
    <Box component="span" role="status" display="inline-flex">
      <Loader size={size} aria-hidden />
      <VisuallyHidden>{label}</VisuallyHidden>
    </Box>
  );
}

/** A centred spinner with an accessible label, shown while a query loads. */
export function Loading({ label }: { label: string }) {
  return (
    <Group justify="center" py="xl">
      <Spinner label={label} />
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

/**
 * The page of one object that could not be loaded: "not found" on a 404 (never saying whether it
 * exists elsewhere), otherwise why, with a retry; always a way back to the list.
 */
export function DetailLoadError({
  noun,
  error,
  onRetry,
  missingText,
  back,
}: {
  /** Capitalised, e.g. "Matter". */
  noun: string;
  error: unknown;
  onRetry: () => void;
  missingText: string;
  back: { to: string; label: string };
}) {
  const missing = error instanceof ApiError && error.status === 404;
  return (
    <Stack>
      <Title order={1} size="h2">
        {missing ? `${noun} not found` : noun}
      </Title>
      <Alert
        color="red"
        icon={<IconAlertCircle aria-hidden />}
        role="alert"
        title={`The ${noun.toLowerCase()} could not be loaded`}
      >
        <Text size="sm" mb="sm">
          {missing ? missingText : describeError(error)}
        </Text>
        <Group gap="xs">
          {!missing && (
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
              Try again
            </Button>
          )}
          <Button size="xs" variant="white" color="red" component={Link} to={back.to}>
            {back.label}
          </Button>
        </Group>
      </Alert>
    </Stack>
  );
}
