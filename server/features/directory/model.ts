import type { Permission, Role } from '../../platform/http/actor';

/** Permissions a new user of a role gets unless the admin chooses otherwise. */
export function defaultPermissions(role: Role): Permission[] {
  switch (role) {
    case 'admin':
      return [
        'secure_chat.view_all',
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

/** E-mail addresses are compared and stored lower-cased and trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
