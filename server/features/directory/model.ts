import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Permission, Role } from '../../platform/http/actor';

/** Permissions a new user of a role gets unless the admin chooses otherwise. */
export function defaultPermissions(role: Role): Permission[] {
  switch (role) {
    case 'admin':
      return [
        'secure_chat.view_all',
        'matters.view_all',
        'message_center.use',
        'settings.manage',
        'billing.manage',
        'users.manage',
        'audit.read',
      ];
    case 'attorney':
      return [];
    case 'staff':
      return [];
    case 'agent':
      return ['message_center.use'];
  }
}

/** Region assumed for numbers written without a country code. */
export const DEFAULT_PHONE_REGION: CountryCode = 'US';

/**
 * A phone number written in any common format ("(202) 555-0143", "+44 20 7946 0958", "tel:…") as
 * E.164, or null when it is not a valid number. Numbers without a country code are read as US.
 */
export function normalisePhone(input: string, region: CountryCode = DEFAULT_PHONE_REGION): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), region);
  return parsed?.isValid() ? parsed.number : null;
}

/** Index of the first value that repeats an earlier one (compared by key), or -1 when all differ. */
export function firstDuplicate<T>(values: readonly T[], key: (v: T) => string = String): number {
  const seen = new Set<string>();
  for (const [i, v] of values.entries()) {
    const k = key(v);
    if (seen.has(k)) return i;
    seen.add(k);
  }
  return -1;
}

/** What an audit entry may say about a user: access-relevant fields only, never credentials. */
export interface UserAccess {
  role: Role;
  permissions: Permission[];
  active: boolean;
}

/** One changed access field, before and after. */
export type Change<T> = { from: T; to: T };

/** The access fields that differ between two states of a user (permissions compared as sets). */
export function accessDiff(
  before: UserAccess,
  after: UserAccess,
): Partial<{ [K in keyof UserAccess]: Change<UserAccess[K]> }> {
  const diff: Partial<{ [K in keyof UserAccess]: Change<UserAccess[K]> }> = {};
  if (before.role !== after.role) diff.role = { from: before.role, to: after.role };
  if (before.active !== after.active) diff.active = { from: before.active, to: after.active };
  const was = [...before.permissions].sort();
  const is = [...after.permissions].sort();
  if (was.join() !== is.join()) diff.permissions = { from: was, to: is };
  return diff;
}

/** Members added and removed when a team's member list is replaced. */
export function membershipChange(before: readonly string[], after: readonly string[]) {
  const was = new Set(before);
  const is = new Set(after);
  return {
    added: after.filter((id) => !was.has(id)),
    removed: before.filter((id) => !is.has(id)),
  };
}
