import { createBrowserRouter } from 'react-router';
import { OverviewPage } from './admin/OverviewPage';
import { TeamsPage } from './admin/TeamsPage';
import { UsersPage } from './admin/UsersPage';
import { ContactPage } from './contacts/ContactPage';
import { ContactsPage } from './contacts/ContactsPage';
import { LoginPage } from './LoginPage';
import { MatterPage } from './matters/MatterPage';
import { HomeRedirect } from './pages/HomeRedirect';
import { InboxPage } from './pages/InboxPage';
import { MattersPage } from './pages/MattersPage';
import { MessageCenterPage } from './pages/MessageCenterPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SettingsPage } from './pages/SettingsPage';
import { StaffShell } from './StaffShell';
import { TimePage } from './time/TimePage';

/** Every route of the staff app; the server answers index.html for each of them. */
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/',
    element: <StaffShell />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'admin', element: <OverviewPage /> },
      { path: 'admin/users', element: <UsersPage /> },
      { path: 'admin/teams', element: <TeamsPage /> },
      { path: 'message-center', element: <MessageCenterPage /> },
      { path: 'matters', element: <MattersPage /> },
      { path: 'matters/:matterId', element: <MatterPage tab="overview" /> },
      { path: 'matters/:matterId/secure-chat', element: <MatterPage tab="secure-chat" /> },
      { path: 'matters/:matterId/secure-chat/:conversationId', element: <MatterPage tab="secure-chat" /> },
      { path: 'contacts', element: <ContactsPage /> },
      { path: 'contacts/:contactId', element: <ContactPage tab="overview" /> },
      { path: 'contacts/:contactId/secure-chat', element: <ContactPage tab="secure-chat" /> },
      { path: 'contacts/:contactId/secure-chat/:conversationId', element: <ContactPage tab="secure-chat" /> },
      { path: 'inbox', element: <InboxPage /> },
      { path: 'inbox/:conversationId', element: <InboxPage /> },
      { path: 'time', element: <TimePage /> },
      { path: 'settings', element: <SettingsPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);
