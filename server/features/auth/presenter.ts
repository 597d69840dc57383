import type { z } from 'zod';
import type { apiTokenSchema, portalContactSchema, staffUserSchema } from '../../../contracts/auth';
import { permissions } from '../../../contracts/roles';
import type { apiTokens, users } from '../../platform/db/schema';

/** A staff user as the signed-in user sees themself. */
export function presentStaffUser(user: typeof users.$inferSelect): z.infer<typeof staffUserSchema> {
  return {
    id: user.id,
    firmId: user.firmId,
    name: user.name,
    email: user.email,
    role: user.role as z.infer<typeof staffUserSchema>['role'],
    permissions: user.permissions as z.infer<typeof staffUserSchema>['permissions'],
    can: permissions.filter((p) => user.role === 'admin' || user.permissions.includes(p)),
    admin: user.role === 'admin',
    totpEnabled: user.totpEnabled,
  };
}

/** A portal contact as it sees itself. */
export function presentPortalContact(contact: {
  id: string;
  firmId: string;
  name: string;
  email: string | null;
}): z.infer<typeof portalContactSchema> {
  return { id: contact.id, firmId: contact.firmId, name: contact.name, email: contact.email };
}

/** An API token's metadata (never its secret or hash). */
export function presentApiToken(token: typeof apiTokens.$inferSelect): z.infer<typeof apiTokenSchema> {
  return {
    id: token.id,
    name: token.name,
    userId: token.userId,
    createdBy: token.createdBy,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}
