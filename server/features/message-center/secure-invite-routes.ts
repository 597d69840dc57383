import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  customerInviteOut,
  customerMessageOut,
  customerMessagesOut,
  secureInviteOut,
  secureInviteStateOut,
} from '../../../contracts/secure-invites';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { servedOverHttps } from '../../platform/http/https';
import { idParams } from './schemas';
import { customerMessages, openCustomerStream, sendCustomerMessage } from './secure-invite-chat';
import { type LinkRequest, sendCode, verifyCode, viewLink } from './secure-invite-customer';
import { customerMessageBody, tokenParams, verifyBody } from './secure-invite-schemas';
import { getSecureInvite, sendSecureInvite } from './secure-invite-send';

/** The cookie holding the verified device's secret, scoped to its link's API. */
export const SECURE_CHAT_DEVICE_COOKIE = 'parley_secure_chat';

const linkPath = (token: string) => `/api/v1/secure-chat-invites/${token}`;

function linkRequest(request: FastifyRequest, token: string): LinkRequest {
  return { token, device: request.cookies[SECURE_CHAT_DEVICE_COOKIE], ip: request.ip };
}

/** Staff: send a secure chat invitation and read its state. */
export async function secureInviteRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['message center'];

  r.post(
    '/conversations/:id/secure-invite',
    {
      schema: {
        tags,
        summary:
          'Text the customer a one-time secure chat link (only the agent who claimed it: 409 not-claimed / claimed; 422 opted-out); revokes the previous link',
        params: idParams,
        response: { 201: secureInviteOut },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await sendSecureInvite(deps, {
          actor: requireStaff(request),
          ip: request.ip,
          conversationId: request.params.id,
        }),
      ),
  );
  r.get(
    '/conversations/:id/secure-invite',
    {
      schema: {
        tags,
        summary: 'The newest secure chat invitation of a Message Center conversation (null when none)',
        params: idParams,
        response: { 200: secureInviteStateOut },
      },
    },
    async (request) =>
      getSecureInvite(deps, { actor: requireStaff(request), conversationId: request.params.id }),
  );
}

/**
 * The customer's side of the secure chat, signed in by nothing but the link and, once a texted
 * code is verified, the device cookie (httpOnly, SameSite=Strict, scoped to the link's API path)
 * and its CSRF token. An unusable link answers 410 with why.
 */
export async function secureChatCustomerRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['secure chat (customer)'];
  const security: [] = [];
  const streams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });

  r.get(
    '/secure-chat-invites/:token',
    {
      schema: {
        tags,
        security,
        summary: 'Open a secure chat link: what the page shows (410 link-expired / used / revoked / burnt)',
        params: tokenParams,
        response: { 200: customerInviteOut },
      },
    },
    async (request) => viewLink(deps, linkRequest(request, request.params.token)),
  );
  r.post(
    '/secure-chat-invites/:token/code',
    {
      schema: {
        tags,
        security,
        summary: 'Text a six-digit code to the invited number (one a minute, a few per link: 429)',
        params: tokenParams,
        response: { 200: customerInviteOut },
      },
    },
    async (request) => sendCode(deps, linkRequest(request, request.params.token)),
  );
  r.post(
    '/secure-chat-invites/:token/verify',
    {
      schema: {
        tags,
        security,
        summary:
          'Verify the texted code: binds the link to this device (422 wrong-code with attemptsLeft; the last wrong one burns the link: 410)',
        params: tokenParams,
        body: verifyBody,
        response: { 200: customerInviteOut },
      },
    },
    async (request, reply) => {
      const { token } = request.params;
      const result = await verifyCode(deps, { ...linkRequest(request, token), code: request.body.code });
      reply.setCookie(SECURE_CHAT_DEVICE_COOKIE, result.device, {
        httpOnly: true,
        sameSite: 'strict',
        path: linkPath(token),
        secure: servedOverHttps(deps.config, request.protocol),
      });
      return result.view;
    },
  );
  r.get(
    '/secure-chat-invites/:token/messages',
    {
      schema: {
        tags,
        security,
        summary: 'The chat as the verified device sees it: public messages, oldest first (401 before a code)',
        params: tokenParams,
        response: { 200: customerMessagesOut },
      },
    },
    async (request) => customerMessages(deps, linkRequest(request, request.params.token)),
  );
  r.post(
    '/secure-chat-invites/:token/messages',
    {
      schema: {
        tags,
        security,
        summary: 'Write in the secure chat (never texted); needs x-csrf-token from the page state',
        params: tokenParams,
        body: customerMessageBody,
        response: { 200: customerMessageOut, 201: customerMessageOut },
      },
    },
    async (request, reply) => {
      const csrf = request.headers['x-csrf-token'];
      const result = await sendCustomerMessage(deps, {
        ...linkRequest(request, request.params.token),
        csrfToken: typeof csrf === 'string' ? csrf : undefined,
        id: request.body.id,
        body: request.body.body,
      });
      return reply.status(result.created ? 201 : 200).send(result.message);
    },
  );
  r.get(
    '/secure-chat-invites/:token/stream',
    {
      schema: {
        tags,
        security,
        summary:
          'Live messages of the chat as server-sent events (text/event-stream; each data line a JSON frame: ready, message, resync, ended)',
        params: tokenParams,
      },
    },
    async (request, reply) =>
      streamTo(deps, streams, request, reply, linkRequest(request, request.params.token)),
  );
}

/**
 * Answers the customer's stream as server-sent events once the device is checked (a refusal is a
 * plain problem answer). Open streams end when the server closes, so a shutdown never waits on them.
 */
async function streamTo(
  deps: Deps,
  streams: Set<() => void>,
  request: FastifyRequest,
  reply: FastifyReply,
  link: LinkRequest,
) {
  const raw = reply.raw;
  const pending: string[] = [];
  let started = false;
  let heartbeat: NodeJS.Timeout | undefined;
  const end = () => {
    if (!streams.delete(end)) return;
    clearInterval(heartbeat);
    stop();
    if (!raw.writableEnded) raw.end();
  };
  const stop = await openCustomerStream(deps, link, {
    write(frame) {
      const chunk = `data: ${JSON.stringify(frame)}\n\n`;
      if (started) raw.write(chunk);
      else pending.push(chunk);
    },
    close: () => end(),
  });
  streams.add(end);
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    connection: 'keep-alive',
  });
  started = true;
  for (const chunk of pending.splice(0)) raw.write(chunk);
  // Comments keep proxies from closing an idle stream.
  heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), 25_000);
  request.raw.on('close', end);
}
