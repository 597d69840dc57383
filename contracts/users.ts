import { z } from 'zod';
import { permissions, roles } from './roles';

export const roleSchema = z.enum(roles).describe('admin, attorney, staff or agent');
export const permissionSchema = z.enum(permissions).describe('A grantable permission');

/** A staff user as `GET /api/v1/users[/:id]` answers; access details only for admins and users.manage. */
export const userOut = z.object({
  id: z.uuid().describe('UUID'),
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  active: z.boolean(),
  permissions: z.array(permissionSchema).optional().describe('Only for admins and users.manage'),
  phone: z.string().nullable().optional().describe('Only for admins and users.manage'),
  totpEnabled: z.boolean().optional().describe('Only for admins and users.manage'),
  createdAt: z.iso.datetime().describe('ISO 8601 UTC time'),
  updatedAt: z.iso.datetime().describe('ISO 8601 UTC time'),
});

/** A staff user as the API answers. */
export type User = z.output<typeof userOut>;
