import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../server/features/auth';
import { type Frame, openStream, type Stream } from '../realtime/stream-client';
import { startTestApp, type TestApp } from '../support/app';
import type { Answer } from '../support/client';
import {
  type Contact,
  type Conversation,
  type Firm,
  type Matter,
  makeContact,
  makeConversation,
  makeFirm,
  makeMatter,
  makeUser,
  type StaffUser,
  unique,
} from '../support/factories';
import { waitFor } from '../support/wait';

// Two firms on one server, each with the same kinds of objects. Firm B's administrator holds every
// permission, so whatever firm B cannot reach of firm A's is kept apart by tenancy alone: each of A's
// ids answers 404 to every method, no list, search or export of B shows A's rows, nothing of A's
// changes, and no event caused in A reaches a socket of B.

/** One firm's objects, made through the API. */
interface World {
  firm: Firm;
  attorney: StaffUser;
  contact: Contact;
  matter: Matter;
  conversation: Conversation;
  teamId: string;
  /** An open billable event and a converted one (with its time entry). */
  openEventId: string;
  convertedEventId: string;
  timeEntryId: string;
  notificationId: string;
  tokenId: string;
}

function ok(r: Answer, status = 200) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

async function makeWorld(t: TestApp): Promise<World> {
  const firm = await makeFirm(t);
  const attorney = await makeUser(t, firm, { role: 'attorney' });
  const contact = await makeContact(attorney, { phones: 2, emails: 1 });
  const matter = await makeMatter(attorney, { contacts: [contact] });
  const conversation = await makeConversation(attorney, matter, contact, {
    members: [firm.admin],
    messages: [`About the case ${unique()}`],
  });
  const team = ok(
    await firm.admin.client.post('/api/v1/teams', {
      name: `Team ${unique()}`,
      kind: 'team',
      memberIds: [attorney.id],
    }),
    201,
  );
  const call = (minute: number) =>
    attorney.client.post('/api/v1/billable-events', {
      source: 'call',
      matterId: matter.id,
      startedAt: `2026-03-02T15:${minute}:00.000Z`,
      endedAt: `2026-03-02T15:${minute + 5}:00.000Z`,
    });
  const open = ok(await call(10), 201);
  const converted = ok(await call(20), 201);
  const entry = ok(await attorney.client.post(`/api/v1/billable-events/${converted.id}/convert`), 201);
  const notification = await waitFor(async () => {
    const r = await firm.admin.client.get('/api/v1/notifications');
    return r.body.items[0];
  }, 'the admin’s notification of the attorney’s message');
  const token = ok(await firm.admin.client.post('/api/v1/api-tokens', { name: 'Script' }), 201);
  ok(await firm.admin.client.post(`/api/v1/contacts/${contact.id}/portal-invitation`, {}), 201);
  return {
    firm,
    attorney,
    contact,
    matter,
    conversation,
    teamId: team.id,
    openEventId: open.id,
    convertedEventId: converted.id,
    timeEntryId: entry.id,
    notificationId: notification.id,
    tokenId: token.id,
  };
}

/** Everything of firm A's that firm B must never see: ids, names, numbers, phones, e-mails. */
function secretsOf(w: World): string[] {
  return [
    w.firm.id,
    w.firm.name,
    w.firm.admin.id,
    w.firm.admin.email,
    w.attorney.id,
    w.attorney.email,
    w.attorney.name,
    w.contact.id,
    w.contact.name,
    ...w.contact.phones,
    ...w.contact.emails,
    w.matter.id,
    w.matter.number,
    w.matter.name,
    w.conversation.id,
    w.conversation.firmPhone,
    ...w.conversation.messageIds,
    w.teamId,
    w.openEventId,
    w.convertedEventId,
    w.notificationId,
    w.tokenId,
  ];
}

/** The secrets of A found in a body (JSON or text); empty when none leaks. */
function leaked(body: unknown, secrets: string[]): string[] {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return secrets.filter((s) => text.includes(s));
}

// Tables whose firm-A rows a refused request could touch; the relay's and sessions' own bookkeeping
// (outbox, message_deliveries, sessions) moves on by itself and is left out.
const FIRM_TABLES = [
  'users',
  'staff_logins',
  'api_tokens',
  'teams',
  'team_members',
  'contacts',
  'contact_phones',
  'contact_emails',
  'matters',
  'matter_assignees',
  'matter_contacts',
  'audit_log',
  'conversations',
  'conversation_members',
  'messages',
  'secure_chat_links',
  'notifications',
  'billable_events',
  'time_entries',
  'timekeeper_rates',
  'portal_invitations',
] as const;

/** A digest of every row firm A holds in FIRM_TABLES, and of the firm row (its settings). */
async function digestOf(t: TestApp, firmId: string): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const table of FIRM_TABLES) {
    const [row] = await t.database.query<{ h: string }>(
      `select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${table} x where x.firm_id = $1`,
      [firmId],
    );
    digest[table] = row?.h ?? '';
  }
  const [firm] = await t.database.query<{ h: string }>(
    'select md5(x::text) as h from firms x where x.id = $1',
    [firmId],
  );
  digest.firms = firm?.h ?? '';
  return digest;
}

let t: TestApp;
let a: World;
let b: World;

beforeAll(async () => {
  t = await startTestApp();
  a = await makeWorld(t);
  b = await makeWorld(t);
  // A's own texts and e-mails go out in the background; once sent, A's rows stay still.
  await waitFor(async () => {
    const [row] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from outbox where firm_id = $1 and status = 'pending'",
      [a.firm.id],
    );
    return row?.n === 0;
  }, 'firm A’s outbox to drain');
});
afterAll(() => t.close());

describe('firm B, through REST', () => {
  it('answers 404 to every read of firm A’s objects by id', async () => {
    const c = b.firm.admin.client;
    for (const path of [
      `/api/v1/users/${a.attorney.id}`,
      `/api/v1/teams/${a.teamId}`,
      `/api/v1/contacts/${a.contact.id}`,
      `/api/v1/matters/${a.matter.id}`,
      `/api/v1/conversations/${a.conversation.id}`,
      `/api/v1/conversations/${a.conversation.id}/messages`,
    ]) {
      const r = await c.get(path);
      expect(r.status, path).toBe(404);
      expect(r.body.type, path).toBe('/problems/not-found');
    }
  });

  it('answers 404 to every write and action on firm A’s objects, and changes nothing of A’s', async () => {
    const c = b.firm.admin.client;
    const conv = `/api/v1/conversations/${a.conversation.id}`;
    const before = await digestOf(t, a.firm.id);
    const attempts: [string, () => Promise<Answer>][] = [
      // directory
      ['PATCH user', () => c.patch(`/api/v1/users/${a.attorney.id}`, { active: false })],
      ['PUT team members', () => c.put(`/api/v1/teams/${a.teamId}/members`, { userIds: [b.attorney.id] })],
      ['PATCH contact', () => c.patch(`/api/v1/contacts/${a.contact.id}`, { name: 'Taken' })],
      ['PATCH matter', () => c.patch(`/api/v1/matters/${a.matter.id}`, { status: 'closed' })],
      ['link contact', () => c.post(`/api/v1/matters/${a.matter.id}/contacts`, { contactId: b.contact.id })],
      ['unlink contact', () => c.delete(`/api/v1/matters/${a.matter.id}/contacts/${a.contact.id}`)],
      // conversations and secure chat
      ['send', () => c.post(`${conv}/messages`, { body: 'injected' })],
      ['read', () => c.post(`${conv}/read`, { messageId: a.conversation.messageIds[0] })],
      ['add member', () => c.post(`${conv}/members`, { userId: b.attorney.id })],
      ['remove member', () => c.delete(`${conv}/members/${a.firm.admin.id}`)],
      ['mute', () => c.put(`${conv}/mute`, { muted: true })],
      ['end', () => c.post(`${conv}/end`)],
      ['delete', () => c.delete(conv)],
      // time capture
      [
        'PATCH billable event',
        () => c.patch(`/api/v1/billable-events/${a.openEventId}`, { durationSeconds: 60 }),
      ],
      ['convert', () => c.post(`/api/v1/billable-events/${a.openEventId}/convert`)],
      ['convert many', () => c.post('/api/v1/billable-events/convert', { ids: [a.openEventId] })],
      ['preview', () => c.post('/api/v1/billable-events/convert/preview', { ids: [a.openEventId] })],
      ['edit time entry', () => c.patch(`/api/v1/time-entries/${a.timeEntryId}`, { narrative: 'Mine now' })],
      ['delete time entry', () => c.delete(`/api/v1/time-entries/${a.timeEntryId}`)],
      ['set rate', () => c.put(`/api/v1/timekeepers/${a.attorney.id}/rate`, { rateCents: 1 })],
      // notifications, portal invitations, API tokens
      ['read notification', () => c.post(`/api/v1/notifications/${a.notificationId}/read`)],
      ['invite', () => c.post(`/api/v1/contacts/${a.contact.id}/portal-invitation`, {})],
      ['revoke token', () => c.delete(`/api/v1/api-tokens/${a.tokenId}`)],
    ];
    for (const [what, attempt] of attempts) {
      const r = await attempt();
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(404);
      expect(r.headers.get('content-type'), what).toContain('application/problem+json');
    }
    expect(await digestOf(t, a.firm.id)).toEqual(before);
  });

  it('cannot point its own new objects at firm A’s, and changes nothing of A’s', async () => {
    const c = b.firm.admin.client;
    const before = await digestOf(t, a.firm.id);
    const attempts: [string, number, () => Promise<Answer>][] = [
      [
        'secure chat on A’s matter',
        404,
        () =>
          c.post('/api/v1/conversations', {
            kind: 'secure_chat',
            matterId: a.matter.id,
            contactId: a.contact.id,
            contactPhone: a.contact.phones[0],
          }),
      ],
      [
        'billable event on A’s matter',
        404,
        () =>
          c.post('/api/v1/billable-events', {
            source: 'email',
            matterId: a.matter.id,
            sentAt: '2026-03-02T15:00:00.000Z',
          }),
      ],
      ['token for A’s user', 404, () => c.post('/api/v1/api-tokens', { name: 'x', userId: a.attorney.id })],
      [
        'settings naming A’s user',
        400,
        () => c.put('/api/v1/settings', { readNotifyUserIds: [a.attorney.id] }),
      ],
      [
        'settings naming A’s team',
        400,
        () =>
          c.put('/api/v1/settings', {
            contactMessaging: { allowedRecipients: [{ type: 'team', id: a.teamId }] },
          }),
      ],
    ];
    for (const [what, status, attempt] of attempts) {
      const r = await attempt();
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(status);
    }
    expect(await digestOf(t, a.firm.id)).toEqual(before);
  });

  it('shows none of firm A’s rows in any list, search, filter or export', async () => {
    const secrets = secretsOf(a);
    const q = encodeURIComponent;
    const paths = [
      // The audit log first: B's own reads below are audited with the filters B typed, A's ids included.
      '/api/v1/audit?limit=200',
      '/api/v1/audit/verify',
      '/api/v1/users?limit=200',
      `/api/v1/users?q=${q(a.attorney.email)}`,
      '/api/v1/teams?limit=200',
      '/api/v1/contacts?limit=200',
      `/api/v1/contacts?q=${q(a.contact.name)}`,
      `/api/v1/contacts?q=${q(a.contact.phones[1] as string)}`,
      `/api/v1/contacts?q=${q(a.contact.emails[0] as string)}`,
      `/api/v1/contacts?coordinatorId=${a.attorney.id}`,
      '/api/v1/matters?limit=200',
      `/api/v1/matters?q=${q(a.matter.number)}`,
      `/api/v1/matters?contactId=${a.contact.id}`,
      `/api/v1/matters?ownerId=${a.attorney.id}`,
      '/api/v1/conversations?limit=200',
      `/api/v1/conversations?matterId=${a.matter.id}`,
      `/api/v1/conversations?contactId=${a.contact.id}`,
      '/api/v1/billable-events?limit=200',
      `/api/v1/billable-events?matterId=${a.matter.id}`,
      `/api/v1/billable-events?userId=${a.attorney.id}`,
      '/api/v1/time-entries?limit=200',
      '/api/v1/time-entries/export?format=csv',
      '/api/v1/time-entries/export?format=ledes1998b',
      `/api/v1/time-entries/export?format=csv&matterId=${a.matter.id}`,
      '/api/v1/timekeepers',
      '/api/v1/notifications?limit=200',
      '/api/v1/settings',
      '/api/v1/api-tokens',
    ];
    for (const path of paths) {
      const r = await b.firm.admin.client.get(path);
      expect(r.status, `${path}: ${JSON.stringify(r.body)}`).toBe(200);
      expect(leaked(r.body, secrets), path).toEqual([]);
    }
    // The lists are not empty: B sees its own rows where A's would be.
    const own = await b.firm.admin.client.get('/api/v1/conversations');
    expect(own.body.items.map((x: { id: string }) => x.id)).toEqual([b.conversation.id]);
    const entries = await b.firm.admin.client.get('/api/v1/time-entries');
    expect(entries.body.items).toHaveLength(1);
  });

  it('keeps settings apart: firm B’s change leaves firm A’s as they were', async () => {
    const before = ok(await a.firm.admin.client.get('/api/v1/settings'));
    ok(await b.firm.admin.client.put('/api/v1/settings', { alertMinutes: before.alertMinutes + 7 }));
    expect(ok(await a.firm.admin.client.get('/api/v1/settings'))).toEqual(before);
    expect(ok(await b.firm.admin.client.get('/api/v1/settings')).alertMinutes).toBe(before.alertMinutes + 7);
  });
});

describe('firm B, through the stream', () => {
  it('receives no event caused in firm A', async () => {
    const session = (u: StaffUser) => ({ session: u.client.cookie('parley_session') });
    const streams: Stream[] = [];
    const open = async (u: StaffUser) => {
      const s = await openStream(t.url, session(u));
      streams.push(s);
      await s.next('ready');
      return s;
    };
    try {
      const aAdmin = await open(a.firm.admin);
      const aAttorney = await open(a.attorney);
      const bAdmin = await open(b.firm.admin);
      const bAttorney = await open(b.attorney);

      // In firm A: a new thread, a message (with its notification), a read, a mute, a time entry,
      // a notification read and a deletion. A's own sockets hear each, so each was published.
      const fresh = await makeConversation(a.attorney, a.matter, a.contact, {
        phone: a.contact.phones[1],
        members: [a.firm.admin],
      });
      await aAttorney.next('conversation.created');
      const sent = ok(
        await a.attorney.client.post(`/api/v1/conversations/${fresh.id}/messages`, {
          body: 'Only for firm A',
        }),
        201,
      );
      await aAdmin.next('message.created');
      const notification = (await aAdmin.next('notification.created')).data;
      ok(await a.firm.admin.client.post(`/api/v1/conversations/${fresh.id}/read`, { messageId: sent.id }));
      await aAdmin.next('read.updated');
      ok(await a.firm.admin.client.post(`/api/v1/notifications/${notification.id}/read`));
      await aAdmin.next('notification.read');
      ok(await a.firm.admin.client.post(`/api/v1/billable-events/${a.openEventId}/convert`), 201);
      await aAdmin.next('time_entry.created');
      ok(await a.attorney.client.delete(`/api/v1/conversations/${fresh.id}`), 204);
      await aAdmin.next('conversation.deleted');

      // Then in firm B: a message its admin and attorney hear. Events arrive in order, so any
      // event of A's addressed to B's sockets would have come before it.
      const own = ok(
        await b.attorney.client.post(`/api/v1/conversations/${b.conversation.id}/messages`, {
          body: 'For B',
        }),
        201,
      );
      const isOwn = (f: Frame) => f.type === 'message.created' && JSON.stringify(f.data).includes(own.id);
      await waitFor(() => bAdmin.frames.some(isOwn), 'firm B’s admin to hear B’s message');
      await waitFor(() => bAttorney.frames.some(isOwn), 'firm B’s attorney to hear B’s message');

      const secrets = [...secretsOf(a), fresh.id, sent.id, notification.id];
      for (const s of [bAdmin, bAttorney]) expect(leaked(s.frames, secrets)).toEqual([]);
    } finally {
      for (const s of streams) s.ws.close();
    }
  });
});

describe('portal contacts, through the portal stream', () => {
  /** A portal session of the contact (activation is tested elsewhere; here an active portal is set directly). */
  async function portalStream(contactId: string, firmId: string): Promise<Stream> {
    await t.database.query("UPDATE contacts SET portal_status = 'active' WHERE firm_id = $1 AND id = $2", [
      firmId,
      contactId,
    ]);
    const session = await createSession(t.deps, t.deps.db, {
      firmId,
      subjectType: 'contact',
      subjectId: contactId,
    });
    const s = await openStream(t.url, {
      session: session.cookieValue,
      cookie: 'parley_portal_session',
      path: '/api/v1/portal/stream',
    });
    await s.next('ready');
    return s;
  }

  /** An event addressed to one contact; once it arrives, everything published before it has too. */
  function marker(firmId: string, contactId: string): { type: string; id: string } {
    const id = unique();
    t.deps.bus.publish({
      type: 'typing',
      firmId,
      audience: { contactIds: [contactId] },
      data: { marker: id },
    });
    return { type: 'typing', id };
  }
  const hasMarker = (s: Stream, m: { id: string }) => s.frames.some((f) => f.data?.marker === m.id);

  it('hears nothing of staff traffic, of another firm, or addressed to its id by another firm', async () => {
    const aContact = await portalStream(a.contact.id, a.firm.id);
    const bContact = await portalStream(b.contact.id, b.firm.id);
    try {
      // In firm A, about A's contact: a message, a staff note, a new thread, a read; all of them for staff only.
      const message = ok(
        await a.attorney.client.post(`/api/v1/conversations/${a.conversation.id}/messages`, {
          body: 'Staff side of the thread',
        }),
        201,
      );
      const note = ok(
        await a.attorney.client.post(`/api/v1/conversations/${a.conversation.id}/messages`, {
          body: 'A note the client must never see',
          visibility: 'note',
        }),
        201,
      );
      ok(
        await a.firm.admin.client.post(`/api/v1/conversations/${a.conversation.id}/read`, {
          messageId: note.id,
        }),
      );
      // An event of firm B addressed to A's contact id must not cross the firm line either.
      const crossing = unique();
      t.deps.bus.publish({
        type: 'typing',
        firmId: b.firm.id,
        audience: { contactIds: [a.contact.id] },
        data: { marker: crossing },
      });

      const toA = marker(a.firm.id, a.contact.id);
      const toB = marker(b.firm.id, b.contact.id);
      await waitFor(() => hasMarker(aContact, toA), 'A’s contact to hear its own marker');
      await waitFor(() => hasMarker(bContact, toB), 'B’s contact to hear its own marker');

      expect(aContact.frames.map((f) => f.type)).toEqual(['ready', 'typing']);
      expect(aContact.frames.some((f) => f.data?.marker === crossing)).toBe(false);
      expect(bContact.frames.map((f) => f.type)).toEqual(['ready', 'typing']);
      const secrets = [...secretsOf(a), message.id, note.id, crossing];
      expect(leaked(bContact.frames, secrets)).toEqual([]);
    } finally {
      aContact.ws.close();
      bContact.ws.close();
    }
  });
});
