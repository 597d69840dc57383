import type { Permission } from '../../../contracts/roles';
import { useSession } from '../../ui/session';
import { ME_PATH, type StaffSession } from '../session';

/** Whether the signed-in user holds a permission, as the server decides it (/me's `can`). */
export function useCan(permission: Permission): boolean {
  const user = useSession<StaffSession>(ME_PATH).data?.user;
  return user?.can.includes(permission) ?? false;
}
