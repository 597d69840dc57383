import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { devRoutesEnabled } from '../../config';
import type { Deps } from '../../deps';
import { INSTALL_DIR } from '../../platform/install-dir';
import { pageFor, type WebPage } from './pages';

/** Where `npm run build` (vite.config.ts) puts the staff app, the portal and their assets. */
export const WEB_DIST = path.join(INSTALL_DIR, 'dist', 'web');

const NOT_BUILT = 'The Parley web app is not built yet. Run `npm run build` (or `npm start`), then reload.';

/**
 * Answers a built page (never cached, so a new release is picked up at once), or 503 with a hint when the web
 * apps are not built. Also used by routes that share their path with a page (GET /dev/mail).
 */
export function sendPage(reply: FastifyReply, file: WebPage, distDir: string = WEB_DIST) {
  if (!existsSync(path.join(distDir, file))) {
    return reply
      .code(503)
      .header('cache-control', 'no-store')
      .type('text/plain; charset=utf-8')
      .send(NOT_BUILT);
  }
  reply.header('cache-control', 'no-cache');
  return reply.sendFile(file, distDir, { cacheControl: false });
}

/**
 * Serves the built web apps: content-hashed /assets/* cached for a year, and each app's index.html
 * (never cached, so a new release is picked up at once) for its client-side routes; /dev/phone only while
 * the SMS simulator's development routes exist.
 */
export async function webRoutes(app: FastifyInstance, deps: Deps, distDir: string = WEB_DIST) {
  await app.register(fastifyStatic, {
    root: path.join(distDir, 'assets'),
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
  });

  const devPhone = devRoutesEnabled(deps.config) && deps.config.SMS_PROVIDER === 'simulator';
  const page = async (request: FastifyRequest, reply: FastifyReply) => {
    const file = pageFor(request.url.split('?')[0] ?? '/', request.headers.accept, { devPhone });
    if (!file) return reply.callNotFound();
    return sendPage(reply, file, distDir);
  };
  app.get('/', { schema: { hide: true } }, page);
  app.get('/*', { schema: { hide: true } }, page);
}
