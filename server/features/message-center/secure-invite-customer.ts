import { randomInt } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  type CustomerInviteOut,
  SECURE_CODE_MAX_WRONG,
  SECURE_CODE_MINUTES,
} from '../../../contracts/secure-invites';
import type { Deps } from '../../deps';
import { recordAudit } from '../../platform/audit/audit-log';
import type { PublishedEvent } from '../../platform/bus/events';
import { inTransaction } from '../../platform/bus/in-transaction';
import type { Executor, Tx } from '../../platform/db/client';
import { mcSecureInvites } from '../../platform/db/schema';
import { notFound, type Problem, tooManyRequests } from '../../platform/http/problem';
import { appendOutbox } from '../../platform/outbox/append';
import { constantTimeEqual, randomSecret, sha256Hex, splitFirmSecret } from '../auth';
import { loadConversationKey, sealText } from '../conversations/message-crypto';
import { type ConversationRow, loadConversation } from '../conversations/queries';
import { ensureTextable } from '../sms/consent';
import { SMS_SEND_TOPIC, type SmsSendPayload } from '../sms/payload';
import { firmName } from '../sms/queries';
import {
  burnsOnNextWrong,
  codeWaitSeconds,
  inviteAad,
  inviteStatus,
  isCodeShape,
  phoneHint,
} from './secure-invite-model';
import {
  codeExpired,
  type GoneReason,
  linkGone,
  notVerified,
  WrongCodeProblem,
} from './secure-invite-problems';
import { type InviteRow, inviteUpdated } from './secure-invite-queries';
import { SECURE_CODE_REPLY } from './secure-invite-texts';

/** Who is asking, on the customer's side: the link's token, the device cookie (if any), the address. */
export interface LinkRequest {
  token: string;
  device: string | undefined;
  ip?: string;
}

/** A link that can be used right now, with its conversation. */
export interface OpenLink {
  invite: InviteRow;
  conversation: ConversationRow;
  /** True when this request comes from the device that verified the link. */
  thisDevice: boolean;
}

/** The audit fields of the customer acting through a link: no account, so the invitation names them. */
function customerAudit(invite: InviteRow, ip: string | undefined) {
  return { firmId: invite.firmId, actorType: 'contact' as const, actorId: null, ip: ip ?? null };
}

function isThisDevice(invite: InviteRow, device: string | undefined): boolean {
  return (
    invite.deviceHash !== null &&
    device !== undefined &&
    constantTimeEqual(sha256Hex(device), invite.deviceHash)
  );
}

/**
 * Finds the link's invitation and conversation and refuses a link that can not be used: unknown
 * (404), revoked, burnt, expired before it was verified, verified on another device (410, with why),
 * or of a conversation that was closed (410 conversation-closed).
 */
export async function openLink(
  ex: Executor,
  deps: Pick<Deps, 'clock'>,
  request: LinkRequest,
  lock = false,
): Promise<OpenLink> {
  const parsed = splitFirmSecret(request.token, '.');
  if (!parsed) throw notFound('secure chat link');
  const query = ex
    .select()
    .from(mcSecureInvites)
    .where(
      and(eq(mcSecureInvites.firmId, parsed.firmId), eq(mcSecureInvites.tokenHash, sha256Hex(parsed.secret))),
    );
  const [invite] = lock ? await query.for('update') : await query;
  if (!invite) throw notFound('secure chat link');
  const conversation = await loadConversation(ex, invite.firmId, invite.conversationId);
  if (!conversation) throw notFound('secure chat link');
  const status = inviteStatus(invite, deps.clock());
  const gone: Partial<Record<typeof status, GoneReason>> = {
    revoked: 'link-revoked',
    burnt: 'link-burnt',
    expired: 'link-expired',
  };
  const reason = gone[status];
  if (reason) throw linkGone(reason);
  const thisDevice = isThisDevice(invite, request.device);
  if (invite.verifiedAt && !thisDevice) throw linkGone('link-used');
  if (conversation.status !== 'open') throw linkGone('conversation-closed');
  return { invite, conversation, thisDevice };
}

/** The page's view of a usable link. */
async function present(ex: Executor, deps: Pick<Deps, 'clock'>, link: OpenLink): Promise<CustomerInviteOut> {
  const { invite } = link;
  const wait = codeWaitSeconds(invite, deps.clock());
  return {
    business: await firmName(ex, invite.firmId),
    phoneHint: phoneHint(invite.phone),
    status: link.thisDevice ? 'joined' : 'code_required',
    codeSentAt: invite.codeSentAt?.toISOString() ?? null,
    resendAt: wait === null ? null : new Date(deps.clock().getTime() + wait * 1000).toISOString(),
    expiresAt: invite.expiresAt.toISOString(),
    csrfToken: link.thisDevice ? invite.csrfToken : null,
  };
}

/**
 * The customer opens the link: answers what the page shows. The first opening is recorded (audit,
 * and the agents see "opened").
 */
export async function viewLink(deps: Deps, request: LinkRequest): Promise<CustomerInviteOut> {
  return inTransaction(deps, async (tx, events) => {
    const link = await openLink(tx, deps, request, true);
    if (!link.invite.openedAt) {
      const now = deps.clock();
      const [opened] = await tx
        .update(mcSecureInvites)
        .set({ openedAt: now })
        .where(and(eq(mcSecureInvites.firmId, link.invite.firmId), eq(mcSecureInvites.id, link.invite.id)))
        .returning();
      link.invite = opened as InviteRow;
      await recordAudit(
        tx,
        {
          ...customerAudit(link.invite, request.ip),
          action: 'message_center.secure_link_opened',
          targetType: 'conversation',
          targetId: link.conversation.id,
          details: { inviteId: link.invite.id },
        },
        now,
      );
      events.push(await inviteUpdated(tx, deps, link.conversation, link.invite));
    }
    return present(tx, deps, link);
  });
}

/**
 * Texts a new six-digit code to the invited number (the customer proves they hold that phone).
 * At most one code a minute and SECURE_CODE_MAX_SENDS per link (429 with Retry-After); a code lasts
 * SECURE_CODE_MINUTES and replaces the previous one. Not once the link is verified (410 link-used
 * on another device; this device needs none).
 */
export async function sendCode(deps: Deps, request: LinkRequest): Promise<CustomerInviteOut> {
  return inTransaction(deps, async (tx) => {
    const link = await openLink(tx, deps, request, true);
    const { invite } = link;
    if (link.thisDevice) return present(tx, deps, link);
    const now = deps.clock();
    const wait = codeWaitSeconds(invite, now);
    if (wait === null)
      throw tooManyRequests(
        Math.max(1, Math.ceil((invite.expiresAt.getTime() - now.getTime()) / 1000)),
        'No more codes can be sent for this link. Text us to ask for a new link.',
      );
    if (wait > 0) throw tooManyRequests(wait, 'A code was just sent; wait a moment before asking again.');
    await ensureTextable(tx, invite.firmId, invite.phone, invite.firmPhone);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const key = await loadConversationKey(tx, deps.keyring, invite.firmId, invite.conversationId);
    const [updated] = await tx
      .update(mcSecureInvites)
      .set({
        codeHash: sha256Hex(`${invite.id}:${code}`),
        codeSealed: sealText(key, code, inviteAad(invite.conversationId, invite.id, 'code')),
        codeSentAt: now,
        codeExpiresAt: new Date(now.getTime() + SECURE_CODE_MINUTES * 60_000),
        codesSent: invite.codesSent + 1,
      })
      .where(and(eq(mcSecureInvites.firmId, invite.firmId), eq(mcSecureInvites.id, invite.id)))
      .returning();
    const payload: SmsSendPayload = {
      kind: 'auto_reply',
      firmId: invite.firmId,
      reply: SECURE_CODE_REPLY,
      from: invite.firmPhone,
      to: invite.phone,
    };
    await appendOutbox(tx, {
      firmId: invite.firmId,
      topic: SMS_SEND_TOPIC,
      payload,
      idempotencyKey: `secure-code:${invite.id}:${invite.codesSent + 1}`,
    });
    await recordAudit(
      tx,
      {
        ...customerAudit(invite, request.ip),
        action: 'message_center.secure_code_sent',
        targetType: 'conversation',
        targetId: invite.conversationId,
        details: { inviteId: invite.id },
      },
      now,
    );
    return present(tx, deps, { ...link, invite: updated as InviteRow });
  });
}

type VerifyOutcome = { ok: true; view: CustomerInviteOut; device: string } | { ok: false; problem: Problem };

/** Records a wrong code (burning the link at the last one) and answers the problem to send after commit. */
async function wrongCode(
  tx: Tx,
  deps: Deps,
  link: OpenLink,
  ip: string | undefined,
  events: PublishedEvent[],
) {
  const { invite } = link;
  const now = deps.clock();
  const burns = burnsOnNextWrong(invite);
  const [updated] = await tx
    .update(mcSecureInvites)
    .set({ wrongCodes: invite.wrongCodes + 1, ...(burns ? { burntAt: now } : {}) })
    .where(and(eq(mcSecureInvites.firmId, invite.firmId), eq(mcSecureInvites.id, invite.id)))
    .returning();
  await recordAudit(
    tx,
    {
      ...customerAudit(invite, ip),
      action: burns ? 'message_center.secure_link_burnt' : 'message_center.secure_code_wrong',
      targetType: 'conversation',
      targetId: invite.conversationId,
      details: { inviteId: invite.id, wrongCodes: invite.wrongCodes + 1 },
    },
    now,
  );
  if (burns) {
    events.push(await inviteUpdated(tx, deps, link.conversation, updated as InviteRow));
    return linkGone('link-burnt');
  }
  return new WrongCodeProblem(SECURE_CODE_MAX_WRONG - invite.wrongCodes - 1);
}

/**
 * The customer enters the texted code. The right one binds the link to this device: a fresh device
 * secret (its SHA-256 kept, the secret set as an httpOnly cookie by the route) and a CSRF token;
 * from then on the link opens nowhere else (410 link-used). A wrong one is counted (422 wrong-code
 * with the attempts left); the SECURE_CODE_MAX_WRONG-th burns the link (410 link-burnt). The count
 * commits even though the answer is an error.
 */
export async function verifyCode(
  deps: Deps,
  request: LinkRequest & { code: string },
): Promise<{ view: CustomerInviteOut; device: string }> {
  const outcome = await inTransaction(deps, async (tx, events): Promise<VerifyOutcome> => {
    const link = await openLink(tx, deps, request, true);
    const { invite } = link;
    if (link.thisDevice)
      return { ok: true, view: await present(tx, deps, link), device: request.device as string };
    const now = deps.clock();
    if (!invite.codeHash || !invite.codeExpiresAt || invite.codeExpiresAt.getTime() <= now.getTime())
      return { ok: false, problem: codeExpired() };
    const entered = request.code.trim();
    const right =
      isCodeShape(entered) && constantTimeEqual(sha256Hex(`${invite.id}:${entered}`), invite.codeHash);
    if (!right) return { ok: false, problem: await wrongCode(tx, deps, link, request.ip, events) };
    const device = randomSecret();
    const [verified] = await tx
      .update(mcSecureInvites)
      .set({
        verifiedAt: now,
        deviceHash: sha256Hex(device),
        csrfToken: randomSecret(),
        codeHash: null,
        codeSealed: null,
        codeExpiresAt: null,
      })
      .where(and(eq(mcSecureInvites.firmId, invite.firmId), eq(mcSecureInvites.id, invite.id)))
      .returning();
    await recordAudit(
      tx,
      {
        ...customerAudit(invite, request.ip),
        action: 'message_center.secure_code_verified',
        targetType: 'conversation',
        targetId: invite.conversationId,
        details: { inviteId: invite.id },
      },
      now,
    );
    events.push(await inviteUpdated(tx, deps, link.conversation, verified as InviteRow));
    const joined = { ...link, invite: verified as InviteRow, thisDevice: true };
    return { ok: true, view: await present(tx, deps, joined), device };
  });
  if (!outcome.ok) throw outcome.problem;
  return { view: outcome.view, device: outcome.device };
}

/** The link's conversation for the device that verified it; 401 before a code was verified here. */
export async function requireJoined(ex: Executor, deps: Pick<Deps, 'clock'>, request: LinkRequest) {
  const link = await openLink(ex, deps, request);
  if (!link.thisDevice) throw notVerified();
  return link;
}
