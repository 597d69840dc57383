import { expect } from 'vitest';
import type { TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { waitFor } from '../support/wait';
import { customerTexts, freshPhone, phoneInbox, type Setup } from './helpers';

// The customer's side of a secure chat, as its page would drive it: the link and the codes read
// from the simulated phone.

/** A new conversation from a fresh customer number, claimed by `agent`. */
export async function claimedConversation(agent: TestClient, setup: Setup, body = 'Can we talk privately?') {
  const customer = freshPhone('415');
  const inbound = await customerTexts(agent, customer, setup.campaign.phone, body);
  const claim = await agent.post(`/api/v1/conversations/${inbound.conversationId}/claim`, {});
  expect(claim.status, JSON.stringify(claim.body)).toBe(200);
  return { customer, conversationId: inbound.conversationId as string };
}

/** The texts on the customer's phone that match `pattern`, once there are at least `count`. */
export async function textsMatching(reader: TestClient, phone: string, pattern: RegExp, count = 1) {
  return waitFor(async () => {
    const found = (await phoneInbox(reader, phone)).filter((t) => pattern.test(t.body));
    return found.length >= count && found;
  }, `${count} text(s) matching ${pattern}`);
}

/** The newest secure chat link texted to the customer: its token. */
export async function linkToken(reader: TestClient, phone: string, count = 1): Promise<string> {
  const texts = await textsMatching(reader, phone, /\/m\//, count);
  const match = /\/m\/(\S+)/.exec(texts[texts.length - 1]?.body ?? '');
  return match?.[1] as string;
}

/** The newest code texted to the customer. */
export async function latestCode(reader: TestClient, phone: string, count = 1): Promise<string> {
  const texts = await textsMatching(reader, phone, /secure chat code is/, count);
  return /code is (\d{6})/.exec(texts[texts.length - 1]?.body ?? '')?.[1] as string;
}

/** Opens the link on a new device (client), asks for a code and verifies it; answers the device. */
export async function joinOnNewDevice(
  t: TestApp,
  reader: TestClient,
  phone: string,
  token: string,
  codes = 1,
) {
  const device = t.client();
  const api = `/api/v1/secure-chat-invites/${token}`;
  expect((await device.get(api)).status).toBe(200);
  const sent = await device.post(`${api}/code`, {});
  expect(sent.status, JSON.stringify(sent.body)).toBe(200);
  const code = await latestCode(reader, phone, codes);
  const verified = await device.post(`${api}/verify`, { code });
  expect(verified.status, JSON.stringify(verified.body)).toBe(200);
  expect(verified.body.status).toBe('joined');
  device.csrfToken = verified.body.csrfToken;
  return device;
}
