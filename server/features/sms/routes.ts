import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { normalizeE164 } from '../../channels/sms/phone';
import {
  parseTwilioInbound,
  parseTwilioStatus,
  type TwilioParams,
  twilioWebhookKind,
  twimlEmptyResponse,
} from '../../channels/sms/twilio';
import type { Config } from '../../config';
import type { Deps } from '../../deps';
import { badRequest, invalidField, Problem } from '../../platform/http/problem';
import { applyProviderDeliveryUpdate } from './delivery-updates';
import { receiveInboundSms } from './receive-inbound';
import { devInboundBody, devInboundOut, devOutboxOut, devOutboxQuery, twilioWebhookBody } from './schemas';

const invalidSignature = () =>
  new Problem(403, 'invalid-signature', 'Forbidden', 'The X-Twilio-Signature header is missing or wrong.');

/**
 * The URL Twilio called, which it signed: PUBLIC_URL (what Twilio was configured with, whatever
 * proxies sit in between) plus the path and query; the request's own address without PUBLIC_URL.
 */
function webhookUrl(config: Config, request: FastifyRequest): string {
  const base = config.PUBLIC_URL
    ? config.PUBLIC_URL.replace(/\/+$/, '')
    : `${request.protocol}://${request.host}`;
  return `${base}${request.url}`;
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

function phoneField(field: string, value: string): string {
  const e164 = normalizeE164(value);
  if (!e164) throw invalidField(field, 'is not a valid phone number');
  return e164;
}

/**
 * Development only (simulator provider): play the client's phone. Registered by buildApp only
 * when devRoutesEnabled(config) and SMS_PROVIDER=simulator.
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
        summary: 'Simulate a text from a client to a firm number (as if the provider webhook fired)',
        body: devInboundBody,
        response: { 200: devInboundOut },
      },
    },
    async (request) => {
      const from = phoneField('body.from', request.body.from);
      const to = phoneField('body.to', request.body.to);
      return receiveInboundSms(
        deps,
        {
          providerId: request.body.id ?? `SIM${uuidv7()}`,
          from,
          to,
          body: request.body.body,
          receivedAt: deps.clock(),
          media: [],
        },
        'simulator',
      );
    },
  );

  r.get(
    '/dev/sms/outbox',
    {
      schema: {
        tags: ['development'],
        summary: 'Texts the simulated phones received, oldest first',
        querystring: devOutboxQuery,
        response: { 200: devOutboxOut },
      },
    },
    async (request) => ({
      items: sms.list(request.query.to).map((t) => ({
        id: t.id,
        from: t.from,
        to: t.to,
        body: t.body,
        segments: t.segments,
        at: t.at.toISOString(),
      })),
    }),
  );
}
