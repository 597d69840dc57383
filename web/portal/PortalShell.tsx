import { notifications } from '@mantine/notifications';
import { IconMessages, IconProgressCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, useNavigate } from 'react-router';
import { AppFrame, type NavItem } from '../ui/AppFrame';
import { ConnectionIndicator } from '../ui/ConnectionIndicator';
import { FullPageError, FullPageLoader } from '../ui/FullPage';
import { useApi } from '../ui/Providers';
import { ApiError, describeError } from '../ui/problem';
import { sessionKey, useSession } from '../ui/session';
import { UserMenu } from '../ui/UserMenu';
import { useStream } from '../ui/useStream';
import { PORTAL_ME_PATH, type PortalSession } from './session';

const nav: NavItem[] = [
  { to: '/messages', label: 'Messages', icon: <IconMessages size={18} aria-hidden /> },
  { to: '/status', label: 'Status', icon: <IconProgressCheck size={18} aria-hidden /> },
];

/** The signed-in frame of the portal; sends signed-out visitors to the portal login. */
export function PortalShell() {
  const session = useSession<PortalSession>(PORTAL_ME_PATH);
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <FullPageError error={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) return <Navigate to="/login" replace />;
  return <SignedIn session={session.data} />;
}

function SignedIn({ session }: { session: PortalSession }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // Live updates for the contact's own threads; after a reconnect the stream refetches what is on screen.
  const status = useStream('/api/v1/portal/stream');
  const leave = () => {
    api.setCsrfToken(undefined);
    queryClient.clear();
    queryClient.setQueryData(sessionKey, null);
    navigate('/login', { replace: true });
  };
  const signOut = useMutation({
    mutationFn: () => api.post<void>('/api/v1/portal/auth/logout'),
    onSuccess: leave,
    onError: (error) => {
      if (error instanceof ApiError && error.status === 401) leave();
      else notifications.show({ color: 'red', title: 'Could not sign out', message: describeError(error) });
    },
  });

  const { contact } = session;
  return (
    <AppFrame
      brandSuffix="Client portal"
      nav={nav}
      actions={
        <>
          <ConnectionIndicator status={status} />
          <UserMenu
            name={contact.name}
            detail={contact.email ?? ''}
            onSignOut={() => signOut.mutate()}
            signingOut={signOut.isPending}
          />
        </>
      }
    >
      <Outlet />
    </AppFrame>
  );
}
