import { z } from 'zod';
import { pageOf } from './page';
import { permissions, roles } from './roles';

export const staffUserSchema = z.object({
  id: z.uuid(),
  firmId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles).describe('admin, attorney, staff or agent.'),
  permissions: z.array(z.enum(permissions)).describe('Granted permissions (admins hold all of them).'),
  can: z
    .array(z.enum(permissions))
    .describe(
      'What the user may do, as the server decides it (an admin: every permission); the app reads this',
    ),
  admin: z.boolean().describe('The user administers the firm (the admin screens are theirs)'),
  totpEnabled: z.boolean().describe('Two-factor sign-in is on.'),
});

const csrfToken = z.string().describe('Send as header x-csrf-token on every state-changing request.');

export const staffSessionSchema = z.object({ user: staffUserSchema, csrfToken });

export const meSchema = z.object({
  user: staffUserSchema,
  csrfToken: csrfToken.nullable().describe('CSRF token of the session; null when signed in by API token.'),
});

export const portalContactSchema = z.object({
  id: z.uuid(),
  firmId: z.uuid(),
  name: z.string(),
  email: z.string().nullable().describe("The contact's primary e-mail address."),
});

export const portalSessionSchema = z.object({ contact: portalContactSchema, csrfToken });

export const totpSetupSchema = z.object({
  secret: z.string().describe('Base32 secret, for typing into an authenticator app.'),
  otpauthUrl: z.string().describe('otpauth:// URL, for a QR code.'),
});

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  userId: z.uuid().describe('The user the token acts as.'),
  createdBy: z.uuid(),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable().describe('Last use, to the minute.'),
  revokedAt: z.iso.datetime().nullable(),
});

export const apiTokenPage = pageOf(apiTokenSchema);

export const createdApiTokenSchema = apiTokenSchema.extend({
  token: z.string().describe('Bearer token "prl_<firmId>_<secret>"; shown only this once.'),
});

export type StaffSessionOut = z.infer<typeof staffSessionSchema>;
export type PortalSessionOut = z.infer<typeof portalSessionSchema>;
