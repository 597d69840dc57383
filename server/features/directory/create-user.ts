import { v7 as uuidv7 } from 'uuid';
import type { AuditInput } from '../../platform/audit/audit-log';
import { recordAudit } from '../../platform/audit/audit-log';
import type { Tx } from '../../platform/db/client';
import { staffLogins, users } from '../../platform/db/schema';
import type { Permission, Role } from '../../platform/http/actor';
import { conflict } from '../../platform/http/problem';
import { hashPassword } from '../auth/password';
import { defaultPermissions, normaliseEmail } from './model';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  permissions?: Permission[];
  phone?: string | null;
}

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
      passwordHash: await hashPassword(input.password),
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
