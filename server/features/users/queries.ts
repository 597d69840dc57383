import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { users } from '../../platform/db/schema';
import { badRequest, invalidField } from '../../platform/http/problem';

// Loaders and checks shared by the directory's use cases. Every query takes the firm id first.

/** The columns of a user that leave the database for the directory: never hashes or TOTP secrets. */
export const userColumns = {
  firmId: users.firmId,
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  permissions: users.permissions,
  active: users.active,
  phone: users.phone,
  totpEnabled: users.totpEnabled,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

export type UserRow = { [K in keyof typeof userColumns]: (typeof users.$inferSelect)[K] };

/** Throws 400 naming each listed id (field.N) that is not a user of the firm. */
export async function assertUsersExist(ex: Executor, firmId: string, ids: readonly string[], field: string) {
  if (ids.length === 0) return;
  const found = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.firmId, firmId), inArray(users.id, [...ids])));
  const known = new Set(found.map((r) => r.id));
  const errors = ids.flatMap((id, i) =>
    known.has(id) ? [] : [{ field: `${field}.${i}`, message: 'is not a user of this firm' }],
  );
  if (errors.length) throw badRequest(errors);
}

/** Throws 400 naming field when the id is not a user of the firm. */
export async function assertUserExists(ex: Executor, firmId: string, id: string, field: string) {
  const [row] = await ex
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.firmId, firmId), eq(users.id, id)));
  if (!row) throw invalidField(field, 'is not a user of this firm');
}
