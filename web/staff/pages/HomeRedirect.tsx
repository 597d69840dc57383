import { Navigate } from 'react-router';
import { useSession } from '../../ui/session';
import { ME_PATH, type StaffSession } from '../session';

/**
 * Where "/" leads, so every role lands on a page with its work on it: administrators on the
 * overview, Message Center agents on their conversations, everyone else on their matters.
 */
export function HomeRedirect() {
  const user = useSession<StaffSession>(ME_PATH).data?.user;
  if (user?.admin) return <Navigate to="/admin" replace />;
  if (user?.role === 'agent') return <Navigate to="/message-center" replace />;
  return <Navigate to="/matters" replace />;
}
