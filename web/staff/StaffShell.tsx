import { Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAddressBook,
  IconBellOff,
  IconBellRinging,
  IconBriefcase,
  IconClockHour4,
  IconDashboard,
  IconInbox,
  IconMessages,
  IconSettings,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import type { NotificationOut } from '../../contracts/notifications';
import type { StreamEvent } from '../../contracts/realtime/events';
import { AppFrame, type NavItem } from '../ui/AppFrame';
import { ConnectionIndicator } from '../ui/ConnectionIndicator';
import { FullPageError, FullPageLoader } from '../ui/FullPage';
import { useApi } from '../ui/Providers';
import { ApiError, describeError } from '../ui/problem';
import { sessionKey, useSession } from '../ui/session';
import { UserMenu } from '../ui/UserMenu';
import { useStream } from '../ui/useStream';
import { ChangePasswordDialog } from './account/ChangePasswordDialog';
import { staleKeysFor } from './live-updates';
import { alertOnEvent, desktopAlertsOn, setDesktopAlerts } from './notifications/chat-alerts';
import { NotificationBell } from './notifications/NotificationBell';
import { useUnreadInTitle } from './notifications/queries';
import { applyChatEvent } from './secure-chat/live';
import { ME_PATH, type StaffSession } from './session';

const nav: NavItem[] = [
  { to: '/message-center', label: 'Message Center', icon: <IconMessages size={18} aria-hidden /> },
  { to: '/matters', label: 'Matters', icon: <IconBriefcase size={18} aria-hidden /> },
  { to: '/contacts', label: 'Contacts', icon: <IconAddressBook size={18} aria-hidden /> },
  { to: '/inbox', label: 'Inbox', icon: <IconInbox size={18} aria-hidden /> },
  { to: '/time', label: 'Time', icon: <IconClockHour4 size={18} aria-hidden /> },
  { to: '/settings', label: 'Settings', icon: <IconSettings size={18} aria-hidden /> },
];

// Firm administration, shown to administrators only (the server refuses the calls to anyone else).
const adminNav: NavItem[] = [
  { to: '/admin', label: 'Overview', icon: <IconDashboard size={18} aria-hidden /> },
  { to: '/admin/users', label: 'Users', icon: <IconUsers size={18} aria-hidden /> },
  { to: '/admin/teams', label: 'Teams and circles', icon: <IconUsersGroup size={18} aria-hidden /> },
];

/** The signed-in frame of the staff app; sends signed-out visitors to the login page. */
export function StaffShell() {
  const session = useSession<StaffSession>(ME_PATH);
  const location = useLocation();
  if (session.isPending) return <FullPageLoader />;
  if (session.isError) return <FullPageError error={session.error} onRetry={() => session.refetch()} />;
  if (!session.data) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  return <SignedIn session={session.data} />;
}

function SignedIn({ session }: { session: StaffSession }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [changingPassword, setChangingPassword] = useState(false);
  const location = useLocation();
  const pathRef = useRef(location.pathname);
  const openerRef = useRef<(n: NotificationOut) => void>(() => {});
  pathRef.current = location.pathname;
  const onEvent = useCallback(
    (event: StreamEvent) => {
      for (const queryKey of staleKeysFor(event.type)) void queryClient.invalidateQueries({ queryKey });
      applyChatEvent(queryClient, event);
      void alertOnEvent(event, {
        queryClient,
        pathname: () => pathRef.current,
        matterName: (id) =>
          queryClient
            .fetchQuery({
              queryKey: ['matters', 'detail', id],
              queryFn: () => api.get<{ name: string }>(`/api/v1/matters/${encodeURIComponent(id)}`),
              staleTime: 60_000,
            })
            .then((m) => m.name)
            .catch(() => null),
        open: (n) => openerRef.current(n),
      });
    },
    [queryClient, api],
  );

  useUnreadInTitle(location.pathname);
  const [desktop, setDesktop] = useState(desktopAlertsOn);
  const setOpener = useCallback((open: (n: NotificationOut) => void) => {
    openerRef.current = open;
  }, []);
  const status = useStream('/api/v1/stream', onEvent);

  const leave = () => {
    api.setCsrfToken(undefined);
    queryClient.clear();
    queryClient.setQueryData(sessionKey, null);
    navigate('/login', { replace: true });
  };

  const signOut = useMutation({
    mutationFn: () => api.post<void>('/api/v1/auth/logout'),
    onSuccess: leave,
    onError: (error) => {
      // An expired session is as good as signed out.
      if (error instanceof ApiError && error.status === 401) leave();
      else notifications.show({ color: 'red', title: 'Could not sign out', message: describeError(error) });
    },
  });

  const { user } = session;
  // The Message Center link only for those who work in it (the server refuses its calls to anyone else).
  const staffNav = user.can.includes('message_center.use')
    ? nav
    : nav.filter((i) => i.to !== '/message-center');
  return (
    <AppFrame
      nav={user.admin ? [...adminNav, ...staffNav] : staffNav}
      actions={
        <>
          <ConnectionIndicator status={status} />
          <NotificationBell onOpenerReady={setOpener} />
          <UserMenu
            name={user.name}
            detail={`${user.email} · ${user.role}`}
            onSignOut={() => signOut.mutate()}
            signingOut={signOut.isPending}
            onChangePassword={() => setChangingPassword(true)}
            extraItems={
              typeof Notification === 'undefined' ? undefined : (
                <Menu.Item
                  leftSection={
                    desktop ? (
                      <IconBellOff size={16} aria-hidden />
                    ) : (
                      <IconBellRinging size={16} aria-hidden />
                    )
                  }
                  onClick={() => void setDesktopAlerts(!desktop).then(setDesktop)}
                >
                  {desktop ? 'Turn off desktop notifications' : 'Turn on desktop notifications'}
                </Menu.Item>
              )
            }
          />
        </>
      }
    >
      <ChangePasswordDialog opened={changingPassword} onClose={() => setChangingPassword(false)} />
      <Outlet />
    </AppFrame>
  );
}
