import { z } from 'zod';
import { permissions, roles } from '../../platform/http/actor';
import { pageQuery } from '../../platform/http/pagination';
import { multiLine, searchQuery, singleLine } from '../../platform/http/text';
import { normaliseEmail } from '../auth/login-email';
import { staffPassword } from '../auth/schemas';
import { firstDuplicate, normalisePhone } from './model';

// ---- shared field shapes ----

const name = singleLine().trim().min(1).max(200).describe('Display name');
const label = singleLine().trim().min(1).max(50).describe('Free label such as "mobile" or "work"');
const isoTime = z.iso.datetime().describe('ISO 8601 UTC time');
const id = z.uuid().describe('UUID');

/** An e-mail address, stored lower-cased. */
const email = z.email().max(254).transform(normaliseEmail).describe('E-mail address');

/** A phone number in any common format, turned into E.164 (numbers without a country code are US). */
const phoneNumber = singleLine()
  .max(40)
  .transform((value, ctx) => {
    const e164 = normalisePhone(value);
    if (e164 === null) {
      ctx.addIssue({ code: 'custom', message: 'is not a valid phone number', input: value });
      return z.NEVER;
    }
    return e164;
  })
  .describe('Phone number in any common format; answered as E.164');

/**
 * A list in which each entry may appear once (compared by key); a repeat is reported at its own
 * index, inside the entry at `field` when entries are objects.
 */
function uniqueList<T extends z.ZodType>(
  item: T,
  max: number,
  by: { key?: (v: z.output<T>) => string; field?: string } = {},
) {
  return z
    .array(item)
    .max(max)
    .superRefine((values, ctx) => {
      const i = firstDuplicate(values, by.key ?? String);
      if (i >= 0)
        ctx.addIssue({
          code: 'custom',
          path: by.field ? [i, by.field] : [i],
          message: 'is listed twice',
          input: values[i],
        });
    });
}

/** Path parameter: a UUID. */
export const idParams = z.object({ id: id.describe('The object id') });
/** Path parameters of a matter's contact link. */
export const matterContactParams = z.object({
  id: id.describe('Matter id'),
  contactId: id.describe('Contact id'),
});

// ---- users ----

export const roleSchema = z.enum(roles).describe('admin, attorney, staff or agent');
export const permissionSchema = z.enum(permissions).describe('A grantable permission');

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

export const userOut = z.object({
  id,
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  active: z.boolean(),
  permissions: z.array(permissionSchema).optional().describe('Only for admins and users.manage'),
  phone: z.string().nullable().optional().describe('Only for admins and users.manage'),
  totpEnabled: z.boolean().optional().describe('Only for admins and users.manage'),
  createdAt: isoTime,
  updatedAt: isoTime,
});

// ---- teams ----

export const teamKind = z.enum(['team', 'circle']).describe('team (routing) or circle (addressable group)');

export const listTeamsQuery = pageQuery.extend({
  q: searchQuery().optional().describe('Part of the name'),
  kind: teamKind.optional(),
});

export const createTeamBody = z.object({
  name,
  kind: teamKind,
  memberIds: uniqueList(id, 500).optional().describe('Users to add; each must be a user of the firm'),
});

export const teamMembersBody = z.object({
  userIds: uniqueList(id, 500).describe('The complete new member list'),
});

export const teamOut = z.object({
  id,
  name: z.string(),
  kind: teamKind,
  memberIds: z.array(id),
  createdAt: isoTime,
});

// ---- contacts ----

const contactEmail = z.object({ address: email, label: label.optional() });
const contactPhone = z.object({ number: phoneNumber, label: label.optional() });
const address = multiLine().trim().max(500).nullable().describe('Postal address, free text');

export const portalStatus = z.enum(['none', 'invited', 'active']);

export const listContactsQuery = pageQuery.extend({
  q: searchQuery().optional().describe('Part of the name, an e-mail address or phone'),
  coordinatorId: id.optional().describe('Only contacts coordinated by this user'),
  portalStatus: portalStatus.optional(),
});

export const createContactBody = z.object({
  name,
  emails: uniqueList(contactEmail, 20, { key: (e) => e.address, field: 'address' }).default([]),
  phones: uniqueList(contactPhone, 20, { key: (p) => p.number, field: 'number' }).default([]),
  address: address.optional(),
  coordinatorId: id.nullable().optional().describe('The staff user who looks after this contact'),
});

export const updateContactBody = z.object({
  name: name.optional(),
  emails: uniqueList(contactEmail, 20, { key: (e) => e.address, field: 'address' })
    .optional()
    .describe('Replaces the list'),
  phones: uniqueList(contactPhone, 20, { key: (p) => p.number, field: 'number' })
    .optional()
    .describe('Replaces the list'),
  address: address.optional(),
  coordinatorId: id.nullable().optional(),
});

export const contactOut = z.object({
  id,
  name: z.string(),
  emails: z.array(z.object({ address: z.string(), label: z.string().nullable() })),
  phones: z.array(z.object({ number: z.string().describe('E.164'), label: z.string().nullable() })),
  address: z.string().nullable(),
  coordinatorId: id.nullable(),
  portal: z.object({ status: portalStatus }),
  matterIds: z.array(id).describe('Linked matters the caller may see'),
  createdAt: isoTime,
  updatedAt: isoTime,
});

// ---- matters ----

export const matterStatus = z.enum(['open', 'closed']);

export const listMattersQuery = pageQuery.extend({
  q: searchQuery().optional().describe('Part of the number or name'),
  status: matterStatus.optional(),
  ownerId: id.optional(),
  assigneeId: id.optional(),
  contactId: id.optional().describe('Only matters linked to this contact'),
});

export const createMatterBody = z.object({
  number: singleLine().trim().min(1).max(50).describe('Matter number, unique in the firm'),
  name,
  ownerId: id.describe('Responsible attorney'),
  assigneeIds: uniqueList(id, 100).describe('Users working on the matter'),
  contactIds: uniqueList(id, 100).optional().describe('Contacts to link'),
});

export const updateMatterBody = z.object({
  name: name.optional(),
  ownerId: id.optional(),
  assigneeIds: uniqueList(id, 100).optional().describe('Replaces the list'),
  status: matterStatus.optional(),
});

export const linkContactBody = z.object({ contactId: id });

const matterContactOut = z.object({
  id,
  name: z.string(),
  portal: z.object({ status: portalStatus }),
});

export const matterOut = z.object({
  id,
  number: z.string(),
  name: z.string(),
  ownerId: id,
  assigneeIds: z.array(id),
  status: matterStatus,
  contactIds: z.array(id),
  contacts: z.array(matterContactOut).optional().describe('Linked contacts (on the single-matter answers)'),
  abilities: z.object({
    update: z.boolean().describe('May rename, reassign, close'),
    linkContacts: z.boolean().describe('May link and unlink contacts'),
  }),
  createdAt: isoTime,
  updatedAt: isoTime,
});

export type CreateUserBody = z.output<typeof createUserBody>;
export type UpdateUserBody = z.output<typeof updateUserBody>;
export type ListUsersQuery = z.output<typeof listUsersQuery>;
export type CreateTeamBody = z.output<typeof createTeamBody>;
export type ListTeamsQuery = z.output<typeof listTeamsQuery>;
export type CreateContactBody = z.output<typeof createContactBody>;
export type UpdateContactBody = z.output<typeof updateContactBody>;
export type ListContactsQuery = z.output<typeof listContactsQuery>;
export type CreateMatterBody = z.output<typeof createMatterBody>;
export type UpdateMatterBody = z.output<typeof updateMatterBody>;
export type ListMattersQuery = z.output<typeof listMattersQuery>;
