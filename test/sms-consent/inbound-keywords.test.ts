import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { drained, jobsTo, ledgerOf, received, receivedMatching, setupThread, text } from './helpers';

// The consent step of inbound texts, through POST /dev/sms/inbound, for a secure-chat pool number.

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

const UNSUBSCRIBED = /You have been unsubscribed.*Reply START to resubscribe/;
const RESUBSCRIBED = /You have been resubscribed/;

describe('opt-out keywords', () => {
  const variants = [
    'STOP',
    'stop',
    ' Stop ',
    'STOP!',
    'stopall',
    'Unsubscribe.',
    'CANCEL',
    'end',
    'Quit',
    'revoke',
    'OPTOUT',
    '  optout?! ',
  ];
  for (const body of variants)
    it(`"${body}" opts the client out with one confirmation, and the text is stored in the thread`, async () => {
      const s = await setupThread(t);
      const c = s.admin.client;
      const outcome = await text(c, s.thread.contactPhone, s.thread.firmPhone, body);
      expect(outcome.result).toBe('stored');
      const ledger = await ledgerOf(t, s.thread.contactPhone, s.thread.firmPhone);
      expect(ledger).toEqual([
        {
          state: 'opted_out',
          cause: 'keyword',
          keyword: body
            .trim()
            .replace(/[^a-z]/gi, '')
            .toUpperCase(),
          message_id: outcome.messageId,
          by_user_id: null,
        },
      ]);
      const [confirmation] = await receivedMatching(c, s.thread.contactPhone, UNSUBSCRIBED);
      expect(confirmation.from).toBe(s.thread.firmPhone);
      expect(confirmation.body).toContain(s.firm.name);
    });

  it('sends exactly one confirmation when the provider retries the webhook, and repeated STOPs record one change', async () => {
    const s = await setupThread(t);
    const c = s.admin.client;
    const first = await text(c, s.thread.contactPhone, s.thread.firmPhone, 'STOP', 'SMretry1');
    const retry = await text(c, s.thread.contactPhone, s.thread.firmPhone, 'STOP', 'SMretry1');
    expect(first.result).toBe('stored');
    expect(retry.result).toBe('duplicate');
    // A second, distinct STOP: already opted out, nothing recorded, nothing sent.
    await text(c, s.thread.contactPhone, s.thread.firmPhone, 'stop', 'SMretry2');
    await receivedMatching(c, s.thread.contactPhone, UNSUBSCRIBED);
    await drained(t, s.thread.contactPhone);
    const texts = (await received(c, s.thread.contactPhone)).filter((m) => UNSUBSCRIBED.test(m.body));
    expect(texts).toHaveLength(1);
    expect(await ledgerOf(t, s.thread.contactPhone, s.thread.firmPhone)).toHaveLength(1);
    const jobs = (await jobsTo(t, s.thread.contactPhone)).filter(
      (j) => j.payload.reply === 'consent_opt_out',
    );
    expect(jobs.map((j) => j.idempotency_key)).toEqual(['consent:simulator:SMretry1']);
  });
});

describe('simultaneous STOPs', () => {
  it('two different STOPs at once record one change and send one confirmation', async () => {
    const s = await setupThread(t);
    const c = s.admin.client;
    const outcomes = await Promise.all(
      ['STOP', 'QUIT'].map((body) => text(c, s.thread.contactPhone, s.thread.firmPhone, body)),
    );
    expect(outcomes.map((o) => o.result)).toEqual(['stored', 'stored']);
    expect(await ledgerOf(t, s.thread.contactPhone, s.thread.firmPhone)).toHaveLength(1);
    await receivedMatching(c, s.thread.contactPhone, UNSUBSCRIBED);
    await drained(t, s.thread.contactPhone);
    expect((await received(c, s.thread.contactPhone)).filter((m) => UNSUBSCRIBED.test(m.body))).toHaveLength(
      1,
    );
  });
});

describe('opt-in keywords', () => {
  for (const body of ['START', 'yes', 'Unstop!'])
    it(`"${body}" opts an opted-out client back in with one confirmation`, async () => {
      const s = await setupThread(t);
      const c = s.admin.client;
      await text(c, s.thread.contactPhone, s.thread.firmPhone, 'STOP');
      const back = await text(c, s.thread.contactPhone, s.thread.firmPhone, body);
      const ledger = await ledgerOf(t, s.thread.contactPhone, s.thread.firmPhone);
      expect(ledger.map((e) => [e.state, e.cause, e.keyword])).toEqual([
        ['opted_out', 'keyword', 'STOP'],
        ['opted_in', 'keyword', body.replace(/[^a-z]/gi, '').toUpperCase()],
      ]);
      expect(ledger[1]?.message_id).toBe(back.messageId);
      await receivedMatching(c, s.thread.contactPhone, RESUBSCRIBED);
      // Texting works again.
      const sent = await c.post(`/api/v1/conversations/${s.thread.id}/messages`, { body: 'Welcome back' });
      expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    });

  it('"YES" from a client who never opted out is an ordinary text: no entry, no reply', async () => {
    const s = await setupThread(t);
    const c = s.admin.client;
    const outcome = await text(c, s.thread.contactPhone, s.thread.firmPhone, 'YES');
    expect(outcome.result).toBe('stored');
    await drained(t, s.thread.contactPhone);
    expect(await ledgerOf(t, s.thread.contactPhone, s.thread.firmPhone)).toEqual([]);
    expect((await received(c, s.thread.contactPhone)).filter((m) => RESUBSCRIBED.test(m.body))).toEqual([]);
  });
});

describe('help keywords', () => {
  for (const body of ['HELP', 'help', ' Info? '])
    it(`"${body}" is answered with the firm's help text`, async () => {
      const s = await setupThread(t);
      const c = s.admin.client;
      await text(c, s.thread.contactPhone, s.thread.firmPhone, body);
      const [help] = await receivedMatching(c, s.thread.contactPhone, /for help/);
      expect(help.body).toContain(s.firm.name);
      expect(help.body).toContain(s.thread.firmPhone);
      expect(await ledgerOf(t, s.thread.contactPhone, s.thread.firmPhone)).toEqual([]);
    });

  it('answers with the help text set in Settings, even to an opted-out client', async () => {
    const s = await setupThread(t);
    const c = s.admin.client;
    const put = await c.put('/api/v1/settings', {
      smsHelpText: '{firm} help desk: call {phone}, 9-5 weekdays.',
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.smsHelpText).toBe('{firm} help desk: call {phone}, 9-5 weekdays.');
    await text(c, s.thread.contactPhone, s.thread.firmPhone, 'STOP');
    await text(c, s.thread.contactPhone, s.thread.firmPhone, 'INFO');
    const [help] = await receivedMatching(c, s.thread.contactPhone, /help desk/);
    expect(help.body).toBe(`${s.firm.name} help desk: call ${s.thread.firmPhone}, 9-5 weekdays.`);
  });

  it('refuses an empty or over-long help text, naming the field', async () => {
    const s = await setupThread(t);
    const empty = await s.admin.client.put('/api/v1/settings', { smsHelpText: '' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body.errors)).toContain('smsHelpText');
    const long = await s.admin.client.put('/api/v1/settings', { smsHelpText: 'x'.repeat(321) });
    expect(long.status).toBe(400);
  });
});

describe('near misses', () => {
  const plain = [
    'STOP PLEASE',
    'stop by the office tomorrow',
    'stopped',
    'S T O P',
    'help me with the form',
    'yes please',
    'startup',
  ];
  for (const body of plain)
    it(`"${body}" changes nothing and sends nothing`, async () => {
      const s = await setupThread(t);
      const c = s.admin.client;
      const outcome = await text(c, s.thread.contactPhone, s.thread.firmPhone, body);
      expect(outcome.result).toBe('stored');
      await drained(t, s.thread.contactPhone);
      expect(await ledgerOf(t, s.thread.contactPhone, s.thread.firmPhone)).toEqual([]);
      expect(await received(c, s.thread.contactPhone)).toEqual([]);
      const sent = await c.post(`/api/v1/conversations/${s.thread.id}/messages`, { body: 'Still here' });
      expect(sent.status).toBe(201);
    });
});
