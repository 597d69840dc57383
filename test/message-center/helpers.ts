import { expect } from 'vitest';
import type { TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { type Firm, makeUser, type StaffUser, unique } from '../support/factories';

// Message Center test data, made through the API as a firm's admin would set it up.

let counter = Math.floor(Math.random() * 5000);
/** A fresh US number in the fictional 555 range: campaign numbers in 617, customers in 415. */
export function freshPhone(area: '617' | '415'): string {
  counter = (counter + 1) % 10_000;
  return `+1${area}555${String(counter).padStart(4, '0')}`;
}

export interface Setup {
  groupId: string;
  locationId: string;
  campaign: { id: string; phone: string; teamId: string; name: string };
  teamId: string;
}

/** A team of `kind` team with these members, made by the firm's admin. */
export async function makeTeam(firm: Firm, members: StaffUser[], name = `Team ${unique()}`): Promise<string> {
  const r = await firm.admin.client.post('/api/v1/teams', { name, kind: 'team' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  const put = await firm.admin.client.put(`/api/v1/teams/${r.body.id}/members`, {
    userIds: members.map((m) => m.id),
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  return r.body.id;
}

/** A group, a location and a campaign routed to `teamId`, made by the admin. */
export async function makeSetup(firm: Firm, teamId: string): Promise<Setup> {
  const admin = firm.admin.client;
  const group = await admin.post('/api/v1/groups', { name: `Group ${unique()}` });
  expect(group.status, JSON.stringify(group.body)).toBe(201);
  const location = await admin.post('/api/v1/locations', {
    groupId: group.body.id,
    name: `Location ${unique()}`,
    serviceArea: { lat: 42.36, lng: -71.06, idealMiles: 10, maxMiles: 25 },
  });
  expect(location.status, JSON.stringify(location.body)).toBe(201);
  const phone = freshPhone('617');
  const campaign = await admin.post('/api/v1/campaigns', {
    locationId: location.body.id,
    name: `Campaign ${unique()}`,
    phone,
    teamId,
    helpText: 'Demo Co. Call 617-555-0100.',
  });
  expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
  return {
    groupId: group.body.id,
    locationId: location.body.id,
    campaign: { id: campaign.body.id, phone, teamId, name: campaign.body.name },
    teamId,
  };
}

/** An agent (message_center.use) signed in. */
export function makeAgent(t: TestApp, firm: Firm, name?: string): Promise<StaffUser> {
  return makeUser(t, firm, { role: 'agent', ...(name ? { name } : {}) });
}

/** The simulated customer texts the campaign number; answers the inbound outcome. */
export async function customerTexts(c: TestClient, from: string, to: string, body: string) {
  const r = await c.post('/dev/sms/inbound', { from, to, body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { result: string; conversationId?: string; messageId?: string };
}

/** GET /conversations?kind=sms with a filter; answers the items. */
export async function dashboard(c: TestClient, filter?: string, extra = ''): Promise<any[]> {
  const r = await c.get(`/api/v1/conversations?kind=sms${filter ? `&filter=${filter}` : ''}${extra}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items;
}

/** Texts the simulated phone received, oldest first. */
export async function phoneInbox(c: TestClient, phone: string) {
  const r = await c.get(`/dev/sms/outbox?to=${encodeURIComponent(phone)}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items as { from: string; to: string; body: string; segments: number }[];
}
