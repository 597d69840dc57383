import type { FastifyRequest } from 'fastify';
import { permissions, roles } from '../../../contracts/users';
import { forbidden, unauthorized } from './problem';

export { permissions, roles };

/** A staff user's role. */
export type Role = (typeof roles)[number];

/** A grantable permission; admins hold all of them. */
export type Permission = (typeof permissions)[number];

/** A signed-in staff user, resolved once per request from the session cookie or an API token. */
export interface StaffActor {
  kind: 'user';
  firmId: string;
  userId: string;
  role: Role;
  permissions: Permission[];
  /** How the request authenticated: session cookie (needs CSRF on writes) or API token. */
  via: 'session' | 'token';
  /** SHA-256 id of the session (absent for API tokens). */
  sessionId?: string;
}

/** A signed-in portal contact. */
export interface ContactActor {
  kind: 'contact';
  firmId: string;
  contactId: string;
  via: 'session';
  sessionId: string;
}

export type Actor = StaffActor | ContactActor;

declare module 'fastify' {
  interface FastifyRequest {
    /** Who made the request; undefined when not signed in. */
    actor?: Actor;
  }
}

/** The signed-in staff user, or 401. */
export function requireStaff(request: FastifyRequest): StaffActor {
  const actor = request.actor;
  if (actor?.kind !== 'user') throw unauthorized();
  return actor;
}

/** The signed-in portal contact, or 401. */
export function requireContact(request: FastifyRequest): ContactActor {
  const actor = request.actor;
  if (actor?.kind !== 'contact') throw unauthorized();
  return actor;
}

/** True when the staff user holds the permission (admins hold every permission). */
export function can(actor: StaffActor, permission: Permission): boolean {
  return actor.role === 'admin' || actor.permissions.includes(permission);
}

/** The signed-in staff user holding permission, or 401/403. */
export function requirePermission(request: FastifyRequest, permission: Permission): StaffActor {
  const actor = requireStaff(request);
  if (!can(actor, permission)) throw forbidden();
  return actor;
}

/** The signed-in admin, or 401/403. */
export function requireAdmin(request: FastifyRequest): StaffActor {
  const actor = requireStaff(request);
  if (actor.role !== 'admin') throw forbidden('Only an administrator can do this.');
  return actor;
}
