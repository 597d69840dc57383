import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { settingsOut } from '../../../contracts/settings';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { loadSettings } from './load-settings';
import { settingsPatchBody } from './schemas';
import { updateSettings } from './update-settings';

/** The firm's settings: every staff user reads them; settings.manage changes them. */
export async function settingsRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/settings',
    {
      schema: {
        tags: ['settings'],
        summary: "The firm's settings (defaults filled in)",
        response: { 200: settingsOut },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      return loadSettings(deps.db, actor.firmId);
    },
  );

  r.put(
    '/settings',
    {
      schema: {
        tags: ['settings'],
        summary: 'Change settings (settings.manage); fields left out keep their value',
        body: settingsPatchBody,
        response: { 200: settingsOut },
      },
    },
    async (request) =>
      updateSettings(deps, { actor: requireStaff(request), ip: request.ip, patch: request.body }),
  );
}
