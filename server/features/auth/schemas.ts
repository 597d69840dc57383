import { z } from 'zod';
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

export const portalLoginBody = z.object({ email, password });

export const totpEnableBody = z.object({ code: totpCode });

export const changePasswordBody = z.object({
  currentPassword: password.describe('The password in use now, to confirm.'),
  newPassword: staffPassword.describe('The new password, at least 12 characters.'),
});

export const totpDisableBody = z.object({ password: password.describe('The current password, to confirm.') });

export const createApiTokenBody = z.object({
  name: singleLine().trim().min(1).max(200).describe('What the token is for.'),
  userId: z.uuid().optional().describe('The user it acts as; default: you.'),
});

export const apiTokenParams = z.object({ id: z.uuid().describe('API token id.') });
