import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoSecureChatNumbers } from '../../server/features/demo/seed-demo';
import { expectProblem } from '../conversations/helpers';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { type DemoIds, demoIds } from '../support/demo-ids';
import { JANE_MOBILE, JANE_WORK, linksOf, startedThread, startThread, writeCounts } from './helpers';

const LIMIT_DETAIL = 'End an old thread with this client to start a new one.';

describe('open secure-chat threads per user and client phone', () => {
  let t: TestApp;
  let ids: DemoIds;
  let attorney1: TestClient;
  let attorney2: TestClient;
  let admin: TestClient;
  let mobile: { matterId: string; contactId: string; contactPhone: string };
  beforeEach(async () => {
    t = await startTestApp();
    ids = await demoIds(t);
    attorney1 = await t.signIn('attorney1@demo.parley.test');
    attorney2 = await t.signIn('attorney2@demo.parley.test');
    admin = await t.signIn('admin@demo.parley.test');
    mobile = { matterId: ids.roeMatter, contactId: ids.jane, contactPhone: JANE_MOBILE };
  });
  afterEach(() => t.close());

  it('answers 422 thread-limit at the limit, telling the user to end an old thread; ending frees a slot', async () => {
    const first = await startedThread(attorney1, mobile);
    const second = await startedThread(attorney1, mobile);
    expect([first.firmPhone, second.firmPhone].sort()).toEqual([...demoSecureChatNumbers].sort());

    const before = await writeCounts(t);
    const refused = await startThread(attorney1, mobile);
    expectProblem(refused, 422, 'thread-limit');
    expect(refused.body.detail).toBe(LIMIT_DETAIL);
    expect(await writeCounts(t)).toEqual(before);

    // Another phone of the same client is another pair of links.
    const work = await startedThread(attorney1, { ...mobile, contactPhone: JANE_WORK });
    expect(work.firmPhone).toBe(demoSecureChatNumbers[0]);

    expect((await attorney1.post(`/api/v1/conversations/${first.id}/end`)).status).toBe(200);
    const again = await startedThread(attorney1, mobile);
    expect(again.firmPhone).toBe(first.firmPhone);
  });

  it('is per user, within what the number pool allows', async () => {
    const put = await admin.put('/api/v1/settings', { secureChatMaxOpenPerClient: 1 });
    expect(put.status, JSON.stringify(put.body)).toBe(200);

    const mine = await startedThread(attorney1, mobile);
    expectProblem(await startThread(attorney1, mobile), 422, 'thread-limit');
    const theirs = await startedThread(attorney2, mobile);
    expect(theirs.firmPhone).not.toBe(mine.firmPhone);

    // Both pool numbers are linked to this phone now: nobody gets a third, whatever the limit says.
    await admin.put('/api/v1/settings', { secureChatMaxOpenPerClient: 5 });
    const refused = await startThread(admin, mobile);
    expectProblem(refused, 422, 'thread-limit');
    expect(refused.body.detail).toBe(LIMIT_DETAIL);
    expect((await linksOf(t, JANE_MOBILE)).map((l) => l.user_id).sort()).toEqual(
      [ids.users.attorney1, ids.users.attorney2].sort(),
    );
  });

  it('keeps the limit and one thread per number pair when one user starts threads at the same time', async () => {
    const answers = await Promise.all([1, 2, 3, 4].map(() => startThread(attorney1, mobile)));
    const created = answers.filter((r) => r.status === 201);
    const refused = answers.filter((r) => r.status !== 201);
    expect(created).toHaveLength(2);
    expect(new Set(created.map((r) => r.body.firmPhone)).size).toBe(2);
    for (const r of refused) expectProblem(r, 422, 'thread-limit');
    const links = await linksOf(t, JANE_MOBILE);
    expect(links.map((l) => l.conversation_id).sort()).toEqual(created.map((r) => r.body.id).sort());
    const [{ n } = { n: -1 }] = await t.database.query<{ n: number }>(
      `select count(*)::int as n from conversations where kind = 'secure_chat'`,
    );
    expect(n).toBe(2);
  });

  it('gives simultaneous creates by different users different numbers or a clean 422', async () => {
    const answers = await Promise.all([
      startThread(attorney1, mobile),
      startThread(attorney2, mobile),
      startThread(admin, mobile),
      startThread(attorney1, mobile),
      startThread(attorney2, mobile),
    ]);
    const created = answers.filter((r) => r.status === 201);
    expect(created).toHaveLength(demoSecureChatNumbers.length);
    expect(new Set(created.map((r) => r.body.firmPhone))).toEqual(new Set(demoSecureChatNumbers));
    for (const r of answers.filter((a) => a.status !== 201)) expectProblem(r, 422, 'thread-limit');
    const [{ conversations, keys, members } = {} as any] = await t.database.query<any>(
      `select (select count(*)::int from conversations) as conversations,
              (select count(*)::int from conversation_keys) as keys,
              (select count(*)::int from conversation_members) as members`,
    );
    expect({ conversations, keys, members }).toEqual({ conversations: 2, keys: 2, members: 2 });
  });
});
