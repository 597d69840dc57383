import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { type Firm, makeFirm, makeUser, type StaffUser } from '../support/factories';

const DEFAULTS = {
  emailMode: 'privacy',
  replyByEmail: false,
  clientThreadNotify: 'assignees',
  contactMessaging: { restrictToCoordinator: false, allowedRecipients: [] },
  readNotifyUserIds: [],
  timeZone: 'America/New_York',
  secureChatEnabled: true,
  timeCapture: {
    enabled: true,
    disabledUserIds: [],
    defaultRateCents: 0,
    chatWindowMinutes: 10,
    emailDefaultMinutes: 6,
    incrementMinutes: 6,
    minimumSecondsPerText: 60,
    includeContentInDescription: false,
  },
  alertMinutes: 5,
  secureChatMaxOpenPerClient: 3,
  secureChatTexting: {
    senderPrefix: '{firm} - {name}:',
    firmDisplayName: '',
    optOutFooter: 'Reply STOP to opt out',
    confirmAboveSegments: 3,
    maxSegments: 10,
  },
  smsHelpText:
    '{firm}: for help, call or text us at {phone}. Msg & data rates may apply. Reply STOP to unsubscribe.',
};

describe('GET/PUT /api/v1/settings', () => {
  let t: TestApp;
  let firm: Firm;
  let admin: TestClient;
  let attorney: TestClient;
  let colleagues: StaffUser[];
  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    admin = firm.admin.client;
    colleagues = [
      await makeUser(t, firm, { role: 'attorney' }),
      await makeUser(t, firm, { role: 'attorney' }),
    ];
    attorney = (colleagues[0] as StaffUser).client;
  });
  afterAll(() => t.close());

  const stored = async () =>
    (await t.database.query<{ settings: unknown }>('select settings from firms where id = $1', [firm.id]))[0]
      ?.settings;

  it('answers the defaults to any staff user; 401 when not signed in', async () => {
    const r = await attorney.get('/api/v1/settings');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(DEFAULTS);
    expect((await t.client().get('/api/v1/settings')).status).toBe(401);
  });

  it('merges partial updates field by field and audits which fields changed', async () => {
    const [reader, recipient] = colleagues.map((u) => u.id);
    const first = await admin.put('/api/v1/settings', {
      timeCapture: { chatWindowMinutes: 15 },
      secureChatMaxOpenPerClient: 4,
    });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.timeCapture).toEqual({ ...DEFAULTS.timeCapture, chatWindowMinutes: 15 });
    const second = await admin.put('/api/v1/settings', {
      emailMode: 'convenience',
      readNotifyUserIds: [reader],
      contactMessaging: { allowedRecipients: [{ type: 'user', id: recipient }] },
    });
    expect(second.body).toEqual({
      ...DEFAULTS,
      emailMode: 'convenience',
      readNotifyUserIds: [reader],
      contactMessaging: {
        restrictToCoordinator: false,
        allowedRecipients: [{ type: 'user', id: recipient }],
      },
      timeCapture: { ...DEFAULTS.timeCapture, chatWindowMinutes: 15 },
      secureChatMaxOpenPerClient: 4,
    });
    expect((await attorney.get('/api/v1/settings')).body).toEqual(second.body);
    const audit = await t.database.query<{ details: { fields: string[] } }>(
      `select details from audit_log where firm_id = $1 and action = 'settings.updated' order by seq`,
      [firm.id],
    );
    expect(audit.map((a) => a.details.fields)).toEqual([
      ['secureChatMaxOpenPerClient', 'timeCapture'],
      ['contactMessaging', 'emailMode', 'readNotifyUserIds'],
    ]);
  });

  it('needs settings.manage (403), changing nothing', async () => {
    const before = await stored();
    const r = await attorney.put('/api/v1/settings', { alertMinutes: 9 });
    expect(r.status).toBe(403);
    expect(await stored()).toEqual(before);
  });

  it.each([
    [{ emailMode: 'loud' }, 'body.emailMode'],
    [{ alertMinutes: 0 }, 'body.alertMinutes'],
    [{ secureChatMaxOpenPerClient: 2.5 }, 'body.secureChatMaxOpenPerClient'],
    [{ timeCapture: { incrementMinutes: 61 } }, 'body.timeCapture.incrementMinutes'],
    [{ timeCapture: { bogus: 1 } }, 'body.timeCapture.bogus'],
    [{ readNotifyUserIds: ['nope'] }, 'body.readNotifyUserIds.0'],
    [{ readNotifyUserIds: ['01900000-0000-7000-8000-000000000000'] }, 'body.readNotifyUserIds.0'],
    [
      {
        contactMessaging: {
          allowedRecipients: [{ type: 'team', id: '01900000-0000-7000-8000-000000000000' }],
        },
      },
      'body.contactMessaging.allowedRecipients.0.id',
    ],
    [{ unknownSetting: true }, 'body.unknownSetting'],
  ])('refuses %j with 400 naming %s, changing nothing', async (body, field) => {
    const before = await stored();
    const r = await admin.put('/api/v1/settings', body);
    expect(r.status, JSON.stringify(r.body)).toBe(400);
    expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await stored()).toEqual(before);
  });
});
