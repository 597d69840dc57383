import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from './LoginPage';
import { InboxPage } from './pages/InboxPage';
import { MattersPage } from './pages/MattersPage';
import { MessageCenterPage } from './pages/MessageCenterPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SettingsPage } from './pages/SettingsPage';
import { TimePage } from './pages/TimePage';
import { StaffShell } from './StaffShell';

/** Every route of the staff app; the server answers index.html for each of them. */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <StaffShell />,
    children: [
      { index: true, element: <Navigate to="/message-center" replace /> },
      { path: 'message-center', element: <MessageCenterPage /> },
      { path: 'matters', element: <MattersPage /> },
      { path: 'inbox', element: <InboxPage /> },
      { path: 'time', element: <TimePage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
