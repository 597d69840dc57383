import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import { firms } from '../../platform/db/schema';
import { insertUser } from './create-user';

export interface CreateFirmInput {
  name: string;
  admin: { email: string; name: string } & ({ password: string } | { passwordHash: string });
}

/** Creates a firm with its own data key and its first administrator. */
export async function createFirm(deps: Pick<Deps, 'db' | 'keyring'>, input: CreateFirmInput) {
  const firmId = uuidv7();
  return deps.db.transaction(async (tx) => {
    await tx
      .insert(firms)
      .values({ id: firmId, name: input.name, wrappedKey: deps.keyring.newWrappedFirmKey(firmId) });
    await recordAudit(tx, {
      firmId,
      actorType: 'system',
      action: 'firm.created',
      targetType: 'firm',
      targetId: firmId,
    });
    const admin = await insertUser(tx, firmId, { ...input.admin, role: 'admin' }, { actorType: 'system' });
    return { firmId, adminId: admin.id };
  });
}
