import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { devToolAfterSignIn } from '../ui/dev-tools';
import { FullPageLoader } from '../ui/FullPage';
import { type Credentials, LoginForm } from '../ui/LoginForm';
import { useApi } from '../ui/Providers';
import { sessionKey, useSession } from '../ui/session';
import { ME_PATH, type StaffSession } from './session';

/** Where to go after signing in: the page that sent the user here, else home. */
function targetOf(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === 'string' && from.startsWith('/') && from !== '/login' ? from : '/';
}

/** Staff sign-in. */
export function LoginPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession<StaffSession>(ME_PATH);
  const target = targetOf(location.state);

  // The development tools are other apps: going back to one is a full page load.
  const devTool = devToolAfterSignIn(location.search);

  const signedIn = Boolean(session.data);
  useEffect(() => {
    if (signedIn && devTool) window.location.replace(devTool);
  }, [signedIn, devTool]);

  if (session.isPending || (session.data && devTool)) return <FullPageLoader />;
  if (session.data) return <Navigate to={target} replace />;

  const signIn = async (credentials: Credentials) => {
    const me = await api.post<StaffSession>('/api/v1/auth/login', credentials);
    api.setCsrfToken(me.csrfToken);
    queryClient.setQueryData(sessionKey, me);
    // A development tool is reached by the effect above, once the session is known.
    if (!devTool) navigate(target, { replace: true });
  };

  return (
    <LoginForm
      heading="Sign in to Parley"
      intro="Use the e-mail address and password of your firm account."
      onSubmit={signIn}
    />
  );
}
