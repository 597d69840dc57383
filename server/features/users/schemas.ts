import { z } from 'zod';
import { permissions } from '../../../contracts/roles';
import { permissionSchema, roleSchema } from '../../../contracts/users';
import { email, name, phoneNumber, uniqueList } from '../../platform/http/fields';
import { pageQuery } from '../../platform/http/pagination';
import { searchQuery } from '../../platform/http/text';
import { staffPassword } from '../auth';

export const listUsersQuery = pageQuery.extend({
  /** Part of the name or e-mail address. */
  q: searchQuery().optional().describe('Part of the name or e-mail address'),
  role: roleSchema.optional(),
  active: z.stringbool().optional().describe('true: active users only; false: deactivated only'),
});

export const createUserBody = z.object({
  email,
  name,
  role: roleSchema,
  password: staffPassword,
  permissions: uniqueList(permissionSchema, permissions.length)
    .optional()
    .describe("Granted permissions; the role's defaults when absent"),
  phone: phoneNumber.nullable().optional().describe("The user's own phone, E.164 on output"),
});

export const updateUserBody = z.object({
  name: name.optional(),
  role: roleSchema.optional(),
  permissions: uniqueList(permissionSchema, permissions.length).optional().describe('Replaces the list'),
  active: z.boolean().optional().describe('false deactivates the user and ends their sessions'),
  phone: phoneNumber.nullable().optional(),
  password: staffPassword.optional().describe('A new password; ends the user’s other sessions'),
});

export type CreateUserBody = z.output<typeof createUserBody>;

export type UpdateUserBody = z.output<typeof updateUserBody>;

export type ListUsersQuery = z.output<typeof listUsersQuery>;
