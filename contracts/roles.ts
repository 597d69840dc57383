// Both the server's authorisation and the web's session type need the same closed lists.

export const roles = ['admin', 'attorney', 'staff', 'agent'] as const;
/** A staff user's role. */
export type Role = (typeof roles)[number];

export const permissions = [
  'secure_chat.view_all',
  'matters.view_all',
  'message_center.use',
  'message_center.view_all',
  'settings.manage',
  'billing.manage',
  'users.manage',
  'audit.read',
] as const;
/** A grantable permission; admins hold all of them. */
export type Permission = (typeof permissions)[number];
