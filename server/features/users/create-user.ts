import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import type { AuditInput } from '../../platform/audit/audit-log';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import type { Tx } from '../../platform/db/client';
import { staffLogins, users } from '../../platform/db/schema';
import type { Permission, Role, StaffActor } from '../../platform/http/actor';
import { normaliseEmail } from '../../platform/http/fields';
import { conflict, forbidden } from '../../platform/http/problem';
import { hashPassword } from '../auth';
import { defaultPermissions } from './model';
import { canCreateUser } from './policy';

/** A staff user to create, with the password either in clear or already hashed with hashPassword. */
export type NewUser = {
  email: string;
  name: string;
  role: Role;
  permissions?: Permission[];
  phone?: string | null;
} & ({ password: string } | { passwordHash: string });

/**
 * Inserts a staff user inside a transaction, claiming the e-mail in the global login directory
 * (409 email-taken if any firm already uses it) and auditing the creation.
 */
export async function insertUser(
  tx: Tx,
  firmId: string,
  input: NewUser,
  by: Pick<AuditInput, 'actorType' | 'actorId' | 'ip'>,
) {
  const id = uuidv7();
  const email = normaliseEmail(input.email);
  const claimed = await tx
    .insert(staffLogins)
    .values({ email, firmId, userId: id })
    .onConflictDoNothing()
    .returning({ email: staffLogins.email });
  if (claimed.length === 0) throw conflict('email-taken', 'A user with this e-mail address already exists.');
  const [row] = await tx
    .insert(users)
    .values({
      firmId,
      id,
      email,
      name: input.name.trim(),
      role: input.role,
      permissions: input.permissions ?? defaultPermissions(input.role),
      passwordHash: 'passwordHash' in input ? input.passwordHash : await hashPassword(input.password),
      phone: input.phone ?? null,
    })
    .returning();
  await recordAudit(tx, {
    firmId,
    ...by,
    action: 'user.created',
    targetType: 'user',
    targetId: id,
    details: { role: input.role, permissions: row?.permissions ?? [] },
  });
  return row as typeof users.$inferSelect;
}

/**
 * A staff member adds a colleague: admins any user, holders of users.manage a non-admin with no
 * more permissions than their own (403 otherwise); 409 email-taken when the address is in use.
 */
export async function createUser(
  deps: Pick<Deps, 'db'>,
  input: { actor: StaffActor; ip?: string; user: NewUser },
) {
  const { actor, user } = input;
  const permissions = user.permissions ?? defaultPermissions(user.role);
  if (!canCreateUser(actor, { role: user.role, permissions }))
    throw forbidden('You may not create a user with this role or these permissions.');
  return deps.db.transaction((tx) =>
    insertUser(tx, actor.firmId, { ...user, permissions }, auditActor(actor, input.ip)),
  );
}
