import { useQueryClient } from '@tanstack/react-query';
import { Navigate, useNavigate } from 'react-router';
import { FullPageLoader } from '../ui/FullPage';
import { type Credentials, LoginForm } from '../ui/LoginForm';
import { useApi } from '../ui/Providers';
import { sessionKey, useSession } from '../ui/session';
import { PORTAL_ME_PATH, type PortalSession } from './session';

/** Client sign-in to the portal. */
export function PortalLoginPage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const session = useSession<PortalSession>(PORTAL_ME_PATH);

  if (session.isPending) return <FullPageLoader />;
  if (session.data) return <Navigate to="/" replace />;

  const signIn = async ({ email, password }: Credentials) => {
    const me = await api.post<PortalSession>('/api/v1/portal/auth/login', { email, password });
    api.setCsrfToken(me.csrfToken);
    queryClient.setQueryData(sessionKey, me);
    navigate('/', { replace: true });
  };

  return (
    <LoginForm
      heading="Sign in to your client portal"
      intro="Use the e-mail address and password you chose when you activated your portal."
      brandSuffix="Client portal"
      onSubmit={signIn}
    />
  );
}
