import { Alert, Box, Button, Center, Stack } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ME_PATH, type StaffSession } from '../staff/session';
import { type DEV_TOOL_PATHS, signInToDevTool } from './dev-tools';
import { FullPageError, FullPageLoader } from './FullPage';
import { useSession } from './session';

/**
 * Shows a development tool only to signed-in staff: its mail and texts belong to the user's firm, and
 * the server answers 401 to anyone else. Signed out, it offers the staff sign-in, which returns here.
 * Loading the session also hands the API client the CSRF token the tool's writes need.
 */
export function DevToolSignIn({
  path,
  name,
  children,
}: {
  path: (typeof DEV_TOOL_PATHS)[number];
  name: string;
  children: ReactNode;
}) {
  const session = useSession<StaffSession>(ME_PATH);
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <FullPageError error={session.error} onRetry={() => session.refetch()} />;
  if (session.data) return children;
  return (
    <Center component="main" id="main" mih="100vh" px="md">
      <Box maw={440} w="100%">
        <Stack>
          <Alert icon={<IconLock aria-hidden />} title={`Sign in to use the ${name}`} role="status">
            The {name} shows your firm's data only, so it needs a staff sign-in.
          </Alert>
          <Button component="a" href={signInToDevTool(path)}>
            Sign in
          </Button>
        </Stack>
      </Box>
    </Center>
  );
}
