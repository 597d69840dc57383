import { Alert, Box, Button, Center, Stack } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { Spinner } from './LoadStates';
import { describeError } from './problem';

/** Shown while the app finds out who is signed in. */
export function FullPageLoader() {
  return (
    <Center component="main" id="main" mih="100vh">
      <Spinner label="Loading" />
    </Center>
  );
}

/** Shown when the server could not be asked who is signed in; offers to try again. */
export function FullPageError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Center component="main" id="main" mih="100vh" px="md">
      <Box maw={420} w="100%">
        <Stack>
          <Alert
            color="red"
            icon={<IconAlertCircle aria-hidden />}
            title="Parley is not reachable"
            role="alert"
          >
            {describeError(error)}
          </Alert>
          <Button onClick={onRetry}>Try again</Button>
        </Stack>
      </Box>
    </Center>
  );
}
