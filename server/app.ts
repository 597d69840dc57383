import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { devRoutesEnabled } from './config';
import type { Deps } from './deps';
import { auditRoutes } from './features/audit/routes';
import { authenticate, authRoutes } from './features/auth';
import { contactRoutes } from './features/contacts/routes';
import { conversationRoutes } from './features/conversations/routes';
import { mailDevRoutes } from './features/dev-mail/routes';
import { internalChatRoutes } from './features/internal-chat/routes';
import { matterRoutes } from './features/matters/routes';
import { consumerRoutes } from './features/message-center/consumer-routes';
import { messageCenterRoutes, messageCenterSetupRoutes } from './features/message-center/routes';
import { secureChatCustomerRoutes, secureInviteRoutes } from './features/message-center/secure-invite-routes';
import { transferRoutes } from './features/message-center/transfer-routes';
import { notificationRoutes } from './features/notifications/routes';
import { numberPoolRoutes } from './features/number-pool/routes';
import { opsRoutes } from './features/ops/routes';
import { portalInvitationRoutes } from './features/portal-invitations/routes';
import { secureChatRoutes } from './features/secure-chat/routes';
import { settingsRoutes } from './features/settings/routes';
import { smsConsentRoutes } from './features/sms/consent-routes';
import { smsDevRoutes, smsWebhookRoutes } from './features/sms/routes';
import { teamRoutes } from './features/teams/routes';
import { timeCaptureRoutes } from './features/time-capture/routes';
import { userRoutes } from './features/users/routes';
import { userAdminRoutes } from './features/users/user-admin-routes';
import { webRoutes } from './features/web/routes';
import { registerProblemHandlers } from './platform/http/errors';
import { HSTS_HEADER, servedOverHttps } from './platform/http/https';
import { instrument } from './platform/http/metrics';
import { sendSecurityHeaders } from './platform/http/security-headers';
import { refuseUnknownQueryParameters } from './platform/http/strict-query';
import { realtimeRoutes } from './realtime/routes';

/** Builds the HTTP application: plugins, then every feature's routes. Does not listen. */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    trustProxy: deps.config.TRUST_PROXY,
    // Query strings can hold phone numbers or e-mail addresses; request logs show the path only.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandlers(app);
  refuseUnknownQueryParameters(app);
  instrument(app, deps.metrics);

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url,
        status: reply.statusCode,
        ms: reply.elapsedTime,
      },
      'request',
    );
  });

  sendSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
        upgradeInsecureRequests: null,
      },
    },
    // Sent below only over https: over plain HTTP it is meaningless, and misleads whoever reads it.
    strictTransportSecurity: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (servedOverHttps(deps.config, request.protocol))
      reply.header('strict-transport-security', HSTS_HEADER);
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parley API',
        version: '1',
        description: 'Secure messaging for firms and their clients.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'parley_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  authenticate(app, deps);

  await app.register(async (scope) => opsRoutes(scope, deps));
  await app.register(async (scope) => authRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => userRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => teamRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => contactRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => matterRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => userAdminRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => auditRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => conversationRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => notificationRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => settingsRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => secureChatRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => smsConsentRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => numberPoolRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => timeCaptureRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => portalInvitationRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => messageCenterSetupRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => messageCenterRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => consumerRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => secureInviteRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => secureChatCustomerRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => transferRoutes(scope, deps), { prefix: '/api/v1' });
  await app.register(async (scope) => internalChatRoutes(scope, deps), { prefix: '/api/v1' });
  // At the root: the stream takes upgrades from the HTTP server itself and decorates the app.
  await realtimeRoutes(app, deps);
  await app.register(async (scope) => smsWebhookRoutes(scope, deps));
  if (devRoutesEnabled(deps.config) && deps.sms.name === 'simulator')
    await app.register(async (scope) => smsDevRoutes(scope, deps));
  if (devRoutesEnabled(deps.config) && deps.mail.name === 'dev')
    await app.register(async (scope) => mailDevRoutes(scope, deps));
  // Last: the web apps answer the browser navigations no API route claimed.
  await app.register(async (scope) => webRoutes(scope, deps));
  return app;
}
