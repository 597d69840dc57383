import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  parseTwilioInbound,
  parseTwilioStatus,
  type TwilioParams,
  twilioWebhookKind,
  twimlEmptyResponse,
} from '../../channels/sms/twilio';
import { type Config, publicBaseUrl } from '../../config';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { badRequest, Problem } from '../../platform/http/problem';
import { normalizeE164 } from '../../platform/phone';
import { applyProviderDeliveryUpdate } from './delivery-updates';
import { listSimulatedTexts, simulateInboundText } from './dev-phone';
import { receiveInboundSms } from './receive-inbound';
import { devInboundBody, devInboundOut, devOutboxOut, devOutboxQuery, twilioWebhookBody } from './schemas';

const invalidSignature = () =>
  new Problem(403, 'invalid-signature', 'Forbidden', 'The X-Twilio-Signature header is missing or wrong.');

/**
 * The URL Twilio called, which it signed: the configured origin (what Twilio was configured with,
 * whatever proxies sit in between) plus the path and query. Never the request's Host header: the
 * caller would choose the URL its signature is checked against.
 */
function webhookUrl(config: Config, request: FastifyRequest): string {
  return `${publicBaseUrl(config)}${request.url}`;
}

function first(params: TwilioParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Twilio's messaging webhook: inbound texts and status callbacks of our texts, each signed with
 * X-Twilio-Signature (403 when missing or wrong, or when Twilio is not the configured provider).
 * Answers an empty TwiML `<Response/>`: replies, when any, leave through the outbox.
 */
export async function smsWebhookRoutes(app: FastifyInstance, deps: Deps) {
  await app.register(formbody, { bodyLimit: 64 * 1024 });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/webhooks/sms/twilio',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Twilio inbound message and status callback (form fields, X-Twilio-Signature)',
        consumes: ['application/x-www-form-urlencoded'],
        // Whatever query the webhook URL set in Twilio's console carries: it is part of the signed URL.
        querystring: z.looseObject({}),
        body: twilioWebhookBody,
        response: { 200: z.string().describe('Empty TwiML: <Response/>') },
        security: [],
      },
    },
    async (request, reply) => {
      const params: TwilioParams = request.body;
      const signature = request.headers['x-twilio-signature'];
      const sms = deps.sms;
      const valid =
        sms.name === 'twilio' &&
        sms.verifyWebhook({
          url: webhookUrl(deps.config, request),
          params,
          signature: typeof signature === 'string' ? signature : undefined,
        });
      if (!valid) throw invalidSignature();

      const kind = twilioWebhookKind(params);
      if (kind === 'inbound') {
        const inbound = parseTwilioInbound(params, deps.clock());
        if (!inbound)
          throw badRequest([{ field: 'body', message: 'needs MessageSid and valid From and To' }]);
        await receiveInboundSms(deps, inbound, 'twilio');
      } else if (kind === 'status') {
        const update = parseTwilioStatus(params);
        const firmPhone = normalizeE164(first(params, 'From') ?? '');
        if (!update || !firmPhone)
          throw badRequest([{ field: 'body', message: 'needs MessageSid, MessageStatus and From' }]);
        await applyProviderDeliveryUpdate(deps, { firmPhone, update });
      } else {
        throw badRequest([{ field: 'body', message: 'is neither an inbound message nor a status callback' }]);
      }
      return reply.type('text/xml; charset=utf-8').send(twimlEmptyResponse);
    },
  );
}

/**
 * Development only (simulator provider): play the client's phone. Registered by buildApp only when
 * devRoutesEnabled(config) and SMS_PROVIDER=simulator. Texts carry phone numbers and content, so both
 * routes need a staff sign-in (401) and reach only the user's firm's numbers.
 */
export async function smsDevRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const sms = deps.sms;
  if (sms.name !== 'simulator') return;

  r.post(
    '/dev/sms/inbound',
    {
      schema: {
        tags: ['development'],
        summary: "Simulate a text from a client to one of the signed-in user's firm numbers",
        description:
          "As if the provider webhook fired. 401 without a staff sign-in; 404 when the number is not the firm's.",
        body: devInboundBody,
        response: { 200: devInboundOut },
      },
    },
    async (request) => simulateInboundText(deps, { actor: requireStaff(request), ...request.body }),
  );

  r.get(
    '/dev/sms/outbox',
    {
      schema: {
        tags: ['development'],
        summary: "Texts the signed-in user's firm sent to the simulated phones, oldest first",
        description: '401 without a staff sign-in.',
        querystring: devOutboxQuery,
        response: { 200: devOutboxOut },
      },
    },
    async (request) => {
      const texts = await listSimulatedTexts(deps, sms, {
        actor: requireStaff(request),
        to: request.query.to,
      });
      return {
        items: texts.map((t) => ({
          id: t.id,
          from: t.from,
          to: t.to,
          body: t.body,
          segments: t.segments,
          at: t.at.toISOString(),
        })),
      };
    },
  );
}
