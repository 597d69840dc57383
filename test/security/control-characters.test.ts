import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startedThread } from '../secure-chat/helpers';
import { startTestApp, type TestApp } from '../support/app';
import type { Answer, TestClient } from '../support/client';
import {
  type Contact,
  type Firm,
  makeContact,
  makeFirm,
  makeMatter,
  makeUser,
  type StaffUser,
} from '../support/factories';

// A NUL (and any other control character) in any string a client sends is a 400 naming the field, and
// nothing changes: it used to reach PostgreSQL, which refuses NUL in text, and answer 500. Multi-line
// texts (message bodies) keep tab and line breaks; every other field refuses them too.

/** Refused everywhere: a sample of C0 controls, DEL and C1 controls (the unit test covers every one). */
const ALWAYS_REFUSED = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u0085',
  '\u009f',
];
/** Refused in one-line fields only. */
const LINE_BREAKS = ['\t', '\n', '\r'];

const TABLES = [
  'users',
  'teams',
  'contacts',
  'contact_phones',
  'contact_emails',
  'matters',
  'api_tokens',
  'billable_events',
  'conversations',
  'messages',
  'sessions',
  'portal_invitations',
  'outbox',
  'audit_log',
];

let t: TestApp;
let firm: Firm;
let attorney: StaffUser;
let agent: StaffUser;
/** Linked to the matter, with the thread. */
let jane: Contact;
/** Linked to no matter. */
let maria: Contact;
let matterId: string;
let admin: TestClient;
let conversationId: string;
let eventId: string;

async function snapshot() {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await t.database.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    counts[table] = row?.n ?? -1;
  }
  const [names] = await t.database.query<{ names: string }>(
    `select (select string_agg(name, ',' order by id) from contacts) ||
            (select string_agg(name, ',' order by id) from matters) ||
            (select string_agg(name, ',' order by id) from users) ||
            (select string_agg(coalesce(description, ''), ',' order by id) from billable_events) as names`,
  );
  return { counts, names: names?.names };
}

/** One string field of one endpoint: how to send a value in it, and the field the 400 must name. */
interface Case {
  what: string;
  field: string;
  send: (value: string) => Promise<Answer>;
  /** Tab and line breaks are allowed (message bodies). */
  multiLine?: boolean;
}

const q = (path: string, name: string) => (value: string) =>
  admin.get(`${path}${path.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}`);

function cases(): Case[] {
  const anonymous = () => t.client();
  return [
    // Sign-in, both kinds.
    {
      what: 'staff login e-mail',
      field: 'body.email',
      send: (v) =>
        anonymous().post('/api/v1/auth/login', {
          email: `admin${v}@demo.parley.test`,
          password: 'whatever password',
        }),
    },
    {
      what: 'staff login password',
      field: 'body.password',
      send: (v) =>
        anonymous().post('/api/v1/auth/login', { email: firm.admin.email, password: `pass${v}word` }),
    },
    {
      what: 'portal login e-mail',
      field: 'body.email',
      send: (v) =>
        anonymous().post('/api/v1/portal/auth/login', {
          email: `jane${v}@example.com`,
          password: 'whatever password',
        }),
    },
    {
      what: 'portal login password',
      field: 'body.password',
      send: (v) =>
        anonymous().post('/api/v1/portal/auth/login', {
          email: jane.emails[0],
          password: `pass${v}word`,
        }),
    },
    {
      what: 'portal activation token',
      field: 'body.token',
      send: (v) =>
        anonymous().post('/api/v1/portal/auth/activate', {
          token: `x${v}y`,
          password: 'a long portal passphrase',
        }),
    },
    {
      what: 'portal activation password',
      field: 'body.password',
      send: (v) =>
        anonymous().post('/api/v1/portal/auth/activate', {
          token: 'x.y',
          password: `a long portal${v}passphrase`,
        }),
    },
    {
      what: 'two-factor disable password',
      field: 'body.password',
      send: (v) => admin.post('/api/v1/auth/totp/disable', { password: `pass${v}word` }),
    },
    // Directory.
    {
      what: 'new contact name',
      field: 'body.name',
      send: (v) => admin.post('/api/v1/contacts', { name: `Jane${v}Doe` }),
    },
    {
      what: 'new contact phone',
      field: 'body.phones.0.number',
      send: (v) =>
        admin.post('/api/v1/contacts', { name: 'Jane Doe', phones: [{ number: `202555${v}0188` }] }),
    },
    {
      what: 'new contact phone label',
      field: 'body.phones.0.label',
      send: (v) =>
        admin.post('/api/v1/contacts', {
          name: 'Jane Doe',
          phones: [{ number: '2025550188', label: `mo${v}bile` }],
        }),
    },
    {
      what: 'new contact e-mail',
      field: 'body.emails.0.address',
      send: (v) =>
        admin.post('/api/v1/contacts', { name: 'Jane Doe', emails: [{ address: `jane${v}@example.com` }] }),
    },
    {
      what: 'new contact address',
      field: 'body.address',
      multiLine: true,
      send: (v) => admin.post('/api/v1/contacts', { name: 'Jane Doe', address: `1 Main St${v}` }),
    },
    {
      what: 'contact name',
      field: 'body.name',
      send: (v) => admin.patch(`/api/v1/contacts/${jane.id}`, { name: `Jane${v}Roe` }),
    },
    {
      what: 'new matter number',
      field: 'body.number',
      send: (v) =>
        admin.post('/api/v1/matters', {
          number: `2026${v}9`,
          name: 'New matter',
          ownerId: attorney.id,
          assigneeIds: [],
        }),
    },
    {
      what: 'new matter name',
      field: 'body.name',
      send: (v) =>
        admin.post('/api/v1/matters', {
          number: '2026-9999',
          name: `New${v}matter`,
          ownerId: attorney.id,
          assigneeIds: [],
        }),
    },
    {
      what: 'matter name',
      field: 'body.name',
      send: (v) => admin.patch(`/api/v1/matters/${matterId}`, { name: `Roe${v}Acme` }),
    },
    {
      what: 'new user name',
      field: 'body.name',
      send: (v) =>
        admin.post('/api/v1/users', {
          email: 'new.user@demo.parley.test',
          name: `New${v}User`,
          role: 'staff',
          password: 'a long enough password',
        }),
    },
    {
      what: 'new user password',
      field: 'body.password',
      send: (v) =>
        admin.post('/api/v1/users', {
          email: 'new.user@demo.parley.test',
          name: 'New User',
          role: 'staff',
          password: `a long enough${v}password`,
        }),
    },
    {
      what: 'user name',
      field: 'body.name',
      send: (v) => admin.patch(`/api/v1/users/${agent.id}`, { name: `Agent${v}Two` }),
    },
    {
      what: 'user password',
      field: 'body.password',
      send: (v) => admin.patch(`/api/v1/users/${agent.id}`, { password: `a long enough${v}password` }),
    },
    {
      what: 'user phone',
      field: 'body.phone',
      send: (v) => admin.patch(`/api/v1/users/${agent.id}`, { phone: `202555${v}0177` }),
    },
    {
      what: 'new team name',
      field: 'body.name',
      send: (v) => admin.post('/api/v1/teams', { name: `Sales${v}`, kind: 'team' }),
    },
    // API tokens.
    {
      what: 'API token name',
      field: 'body.name',
      send: (v) => admin.post('/api/v1/api-tokens', { name: `CRM${v}sync` }),
    },
    // Time capture.
    {
      what: 'billable event description',
      field: 'body.description',
      send: (v) =>
        admin.post('/api/v1/billable-events', {
          source: 'call',
          matterId: matterId,
          startedAt: '2026-03-02T15:00:00Z',
          endedAt: '2026-03-02T15:10:00Z',
          description: `Call${v}`,
        }),
    },
    {
      what: 'billable event description change',
      field: 'body.description',
      send: (v) => admin.patch(`/api/v1/billable-events/${eventId}`, { description: `Call${v}` }),
    },
    // Conversations.
    {
      what: 'secure chat phone',
      field: 'body.contactPhone',
      send: (v) =>
        admin.post('/api/v1/conversations', {
          kind: 'secure_chat',
          matterId: matterId,
          contactId: jane.id,
          contactPhone: `202555${v}0143`,
        }),
    },
    {
      what: 'message body',
      field: 'body.body',
      multiLine: true,
      send: (v) => admin.post(`/api/v1/conversations/${conversationId}/messages`, { body: `Hello${v}Jane` }),
    },
    {
      what: 'portal invitation e-mail',
      field: 'body.email',
      send: (v) =>
        admin.post(`/api/v1/contacts/${maria.id}/portal-invitation`, { email: `maria${v}@example.com` }),
    },
    // Development tools.
    {
      what: 'simulated text',
      field: 'body.body',
      multiLine: true,
      send: (v) =>
        admin.post('/dev/sms/inbound', {
          from: jane.phones[0],
          to: firm.secureChatNumbers[0],
          body: `Hi${v}`,
        }),
    },
    {
      what: 'simulated sender',
      field: 'body.from',
      send: (v) =>
        admin.post('/dev/sms/inbound', { from: `202555${v}0143`, to: firm.secureChatNumbers[0], body: 'Hi' }),
    },
    // Every query string.
    { what: '?q= of users', field: 'query.q', send: q('/api/v1/users', 'q') },
    { what: '?q= of teams', field: 'query.q', send: q('/api/v1/teams', 'q') },
    { what: '?q= of contacts', field: 'query.q', send: q('/api/v1/contacts', 'q') },
    { what: '?q= of matters', field: 'query.q', send: q('/api/v1/matters', 'q') },
    { what: '?action= of the audit log', field: 'query.action', send: q('/api/v1/audit', 'action') },
    { what: '?cursor= of a list', field: 'query.cursor', send: q('/api/v1/contacts', 'cursor') },
    { what: '?to= of the dev mailbox', field: 'query.to', send: q('/dev/mail', 'to') },
    { what: '?to= of the simulated phones', field: 'query.to', send: q('/dev/sms/outbox', 'to') },
  ];
}

beforeAll(async () => {
  t = await startTestApp();
  firm = await makeFirm(t);
  attorney = await makeUser(t, firm, { role: 'attorney' });
  agent = await makeUser(t, firm, { role: 'agent' });
  jane = await makeContact(attorney);
  maria = await makeContact(attorney);
  matterId = (await makeMatter(attorney, { contacts: [jane] })).id;
  admin = firm.admin.client;
  const thread = await startedThread(admin, {
    matterId,
    contactId: jane.id,
    contactPhone: jane.phones[0] as string,
  });
  conversationId = thread.id;
  const event = await admin.post('/api/v1/billable-events', {
    source: 'call',
    matterId: matterId,
    startedAt: '2026-03-02T14:00:00Z',
    endedAt: '2026-03-02T14:10:00Z',
  });
  expect(event.status, JSON.stringify(event.body)).toBe(201);
  eventId = event.body.id;
});
afterAll(() => t.close());

describe('control characters in strings', () => {
  it.each(cases().map((c) => [c.what, c] as const))(
    '%s: 400 naming the field, nothing changed',
    async (_what, c) => {
      const before = await snapshot();
      const refused = c.multiLine ? ALWAYS_REFUSED : [...ALWAYS_REFUSED, ...LINE_BREAKS];
      for (const ch of refused) {
        const r = await c.send(ch);
        const label = `${c.what} with U+${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
        expect(r.status, `${label}: ${JSON.stringify(r.body)}`).toBe(400);
        expect(r.headers.get('content-type'), label).toContain('application/problem+json');
        expect(
          r.body.errors.map((e: { field: string }) => e.field),
          label,
        ).toContain(c.field);
      }
      expect(await snapshot()).toEqual(before);
    },
  );

  it('keeps tab and line breaks in a message body', async () => {
    const body = 'Dear Jane,\r\n\tsee you Friday.\nAlex';
    const r = await admin.post(`/api/v1/conversations/${conversationId}/messages`, { body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.body).toBe(body);
  });

  it('refuses a cursor whose decoded position holds a NUL', async () => {
    const cursor = Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', '\u0000'])).toString('base64url');
    const r = await admin.get(`/api/v1/contacts?cursor=${cursor}`);
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain('query.cursor');
  });
});
