import type { FastifyRequest } from 'fastify';
import type { Permission, Role } from '../../../contracts/roles';
import { forbidden, unauthorized } from './problem';

// The lists are part of the contract (the web's session type reads them); the server imports them here.
export { type Permission, permissions, type Role, roles } from '../../../contracts/roles';

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

/** 403 unless the staff user holds the permission: the check of a use case open only to its holders. */
export function ensureCan(actor: StaffActor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}

/** 403 unless the staff user is an admin: the check of a use case open only to admins. */
export function ensureAdmin(actor: StaffActor): void {
  if (actor.role !== 'admin') throw forbidden('Only an administrator can do this.');
}
