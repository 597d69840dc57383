import type { Permission } from '../../../contracts/roles';
import { useSession } from '../../ui/session';
import { ME_PATH, type StaffSession } from '../session';

/** Whether the signed-in user holds a permission (admins hold all), as the server decides it. */
export function useCan(permission: Permission): boolean {
  const user = useSession<StaffSession>(ME_PATH).data?.user;
  return !!user && (user.role === 'admin' || user.permissions.includes(permission));
}
