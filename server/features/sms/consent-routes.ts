import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { consentLedgerOut } from '../../../contracts/sms-consent';
import type { Deps } from '../../deps';
import { requireStaff } from '../../platform/http/actor';
import { conversationParams } from '../conversations/schemas';
import { conversationOptOutBody, numberOptOutBody } from './consent-schemas';
import { consentOfConversation, optOutConversation, optOutNumber } from './opt-out';

/** The consent ledger of SMS-bridged conversations and staff opt-outs (never opt-ins: only the customer's START). */
export async function smsConsentRoutes(app: FastifyInstance, deps: Deps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/conversations/:id/consent',
    {
      schema: {
        tags: ['sms consent'],
        summary: "The consent ledger of the conversation's customer number and firm number, oldest first",
        description:
          '404 unless the caller may view the conversation; 422 not-texted when it is not bridged to SMS.',
        params: conversationParams,
        response: { 200: consentLedgerOut },
      },
    },
    async (request) =>
      consentOfConversation(deps, { actor: requireStaff(request), conversationId: request.params.id }),
  );

  r.post(
    '/conversations/:id/opt-out',
    {
      schema: {
        tags: ['sms consent'],
        summary: "Opt the conversation's customer number out of texts from its firm number (audited)",
        description:
          'Cause staff, or revocation with the messageId of a flagged customer text. Already opted out: unchanged. Staff cannot opt a number back in: only the customer texting START can.',
        params: conversationParams,
        body: conversationOptOutBody,
        response: { 200: consentLedgerOut },
      },
    },
    async (request) =>
      optOutConversation(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        conversationId: request.params.id,
        messageId: request.body.messageId,
      }),
  );

  r.post(
    '/sms-consent/opt-out',
    {
      schema: {
        tags: ['sms consent'],
        summary: 'Opt a customer number out of texts from one of the firm numbers (settings.manage; audited)',
        body: numberOptOutBody,
        response: { 200: consentLedgerOut },
      },
    },
    async (request) =>
      optOutNumber(deps, {
        actor: requireStaff(request),
        ip: request.ip,
        phone: request.body.phone,
        firmPhone: request.body.firmPhone,
      }),
  );
}
