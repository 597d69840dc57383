import { createBrowserRouter, Navigate } from 'react-router';
import { ActivatePage } from './ActivatePage';
import { PortalLoginPage } from './PortalLoginPage';
import { PortalShell } from './PortalShell';
import { MessagesPage } from './pages/MessagesPage';
import { StatusPage } from './pages/StatusPage';

/** Every route of the client portal, below /portal; the server answers its index.html for each. */
export const router = createBrowserRouter(
  [
    { path: '/login', element: <PortalLoginPage /> },
    { path: '/activate', element: <ActivatePage /> },
    {
      path: '/',
      element: <PortalShell />,
      children: [
        { index: true, element: <Navigate to="/messages" replace /> },
        { path: 'messages', element: <MessagesPage /> },
        { path: 'status', element: <StatusPage /> },
        { path: '*', element: <Navigate to="/messages" replace /> },
      ],
    },
  ],
  { basename: '/portal' },
);
