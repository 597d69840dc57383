import { z } from 'zod';
import { permissions, roles } from '../../platform/http/actor';
import { pageOf } from '../../platform/http/pagination';
import { singleLine } from '../../platform/http/text';

const email = singleLine().trim().min(3).max(320).describe('E-mail address (case-insensitive).');
// Long enough for any passphrase, short enough that hashing it cannot be abused.
const password = singleLine().min(1).max(1024).describe('Password.');
/** A new staff password: the rule of the self-service change and of the users an admin creates or edits. */
export const staffPassword = singleLine().min(12).max(1024).describe('At least 12 characters');
const totpCode = z
  .string()
  .regex(/^\d{6}$/, 'must be 6 digits')
  .describe('Current 6-digit code from the authenticator app.');

export const loginBody = z.object({
  email,
  password,
  /** Needed when the account has two-factor sign-in. */
  totp: totpCode.optional(),
});

export const staffUserSchema = z.object({
  id: z.uuid(),
  firmId: z.uuid(),
  name: z.string(),
  email: z.string(),
  role: z.enum(roles).describe('admin, attorney, staff or agent.'),
  permissions: z.array(z.enum(permissions)).describe('Granted permissions (admins hold all of them).'),
  totpEnabled: z.boolean().describe('Two-factor sign-in is on.'),
});

const csrfToken = z.string().describe('Send as header x-csrf-token on every state-changing request.');

export const staffSessionSchema = z.object({ user: staffUserSchema, csrfToken });

export const meSchema = z.object({
  user: staffUserSchema,
  csrfToken: csrfToken.nullable().describe('CSRF token of the session; null when signed in by API token.'),
});

export const portalLoginBody = z.object({ email, password });

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

export const totpEnableBody = z.object({ code: totpCode });

export const changePasswordBody = z.object({
  currentPassword: password.describe('The password in use now, to confirm.'),
  newPassword: staffPassword.describe('The new password, at least 12 characters.'),
});

export const totpDisableBody = z.object({ password: password.describe('The current password, to confirm.') });

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

export const createApiTokenBody = z.object({
  name: singleLine().trim().min(1).max(200).describe('What the token is for.'),
  userId: z.uuid().optional().describe('The user it acts as; default: you.'),
});

export const createdApiTokenSchema = apiTokenSchema.extend({
  token: z.string().describe('Bearer token "prl_<firmId>_<secret>"; shown only this once.'),
});

export const apiTokenParams = z.object({ id: z.uuid().describe('API token id.') });
