import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ENDED_CLOSE_CODE } from '../../contracts/realtime/close-codes';
import { createFirm } from '../../server/features/users/create-firm';
import { sessionsEnded } from '../../server/platform/bus/events';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { waitFor } from '../support/wait';
import { openStream, type Stream, serverDrops, serverSockets, upgradeStatus } from './stream-client';
import { publishRaw } from './support';

async function whoAmI(c: TestClient): Promise<{ userId: string; firmId: string }> {
  const me = await c.get('/api/v1/me');
  return { userId: me.body.user.id, firmId: me.body.user.firmId };
}

/** The frame types a stream received, without presence.updated (agents coming online: every admin is told). */
const typesOf = (stream: { frames: { type: string }[] }) =>
  stream.frames.map((f) => f.type).filter((type) => type !== 'presence.updated');

describe('GET /api/v1/stream', () => {
  let t: TestApp;
  let admin: TestClient;
  let agent: TestClient;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin@demo.parley.test');
    agent = await t.signIn('agent1@demo.parley.test');
  });
  afterAll(() => t.close());

  it('rejects an upgrade without a session (401) and with an unknown one', async () => {
    expect(await upgradeStatus(t.url)).toBe(401);
    expect(await upgradeStatus(t.url, { session: 'not-a-session' })).toBe(401);
  });

  it('rejects a cross-origin upgrade (403), even with a valid session', async () => {
    const session = admin.cookie('parley_session');
    expect(await upgradeStatus(t.url, { session, origin: 'http://evil.example' })).toBe(403);
    expect(await upgradeStatus(t.url, { session, origin: null })).toBe(403);
    expect(await upgradeStatus(t.url, { session })).toBe(101);
  });

  it('rejects a staff session on the portal stream', async () => {
    const session = admin.cookie('parley_session');
    expect(await upgradeStatus(t.url, { session, path: '/api/v1/portal/stream' })).toBe(401);
  });

  it('sends ready first, then the events addressed to its user', async () => {
    const me = await whoAmI(admin);
    const stream = await openStream(t.url, { session: admin.cookie('parley_session') });
    try {
      expect((await stream.next('ready')).data).toEqual({ userId: me.userId });
      expect(stream.frames[0]?.type).toBe('ready');
      expect((await admin.post('/api/v1/stream/ping')).status).toBe(202);
      const pong = await stream.next('pong');
      expect(typeof pong.data.at).toBe('string');
    } finally {
      stream.ws.close();
    }
  });

  it('delivers by audience: to the users named and to the holders of a permission, no one else', async () => {
    const adminMe = await whoAmI(admin);
    const agentMe = await whoAmI(agent);
    const adminStream = await openStream(t.url, { session: admin.cookie('parley_session') });
    const agentStream = await openStream(t.url, { session: agent.cookie('parley_session') });
    try {
      await Promise.all([adminStream.next('ready'), agentStream.next('ready')]);
      const firmId = adminMe.firmId;
      publishRaw(t.deps, [
        { type: 'test.for-agent', firmId, audience: { userIds: [agentMe.userId] }, data: { n: 1 } },
        { type: 'test.auditors', firmId, audience: { permission: 'audit.read' }, data: { n: 2 } },
        { type: 'test.sentinel', firmId, audience: { userIds: [adminMe.userId, agentMe.userId] }, data: {} },
      ]);
      await Promise.all([adminStream.next('test.sentinel'), agentStream.next('test.sentinel')]);
      expect(typesOf(adminStream)).toEqual(['ready', 'test.auditors', 'test.sentinel']);
      expect(typesOf(agentStream)).toEqual(['ready', 'test.for-agent', 'test.sentinel']);
      expect(agentStream.frames.find((f) => f.type === 'test.for-agent')).toEqual({
        type: 'test.for-agent',
        data: { n: 1 },
      });
    } finally {
      adminStream.ws.close();
      agentStream.ws.close();
    }
  });

  it('never delivers another firm’s events, whatever their audience', async () => {
    const demo = await whoAmI(admin);
    const other = await createFirm(t.deps, {
      name: 'Other & Partners',
      admin: { email: 'boss@other.parley.test', name: 'Other Boss', password: 'other-firm-password' },
    });
    const otherAdmin = await t.signIn('boss@other.parley.test', 'other-firm-password');
    const demoStream = await openStream(t.url, { session: admin.cookie('parley_session') });
    const otherStream = await openStream(t.url, { session: otherAdmin.cookie('parley_session') });
    try {
      await Promise.all([demoStream.next('ready'), otherStream.next('ready')]);
      publishRaw(t.deps, [
        // Addressed to the demo admin's id and to every admin, but belonging to the other firm.
        { type: 'test.leak', firmId: other.firmId, audience: { userIds: [demo.userId] }, data: {} },
        { type: 'test.leak', firmId: other.firmId, audience: { permission: 'users.manage' }, data: {} },
        { type: 'test.sentinel', firmId: demo.firmId, audience: { userIds: [demo.userId] }, data: {} },
      ]);
      await demoStream.next('test.sentinel');
      await otherStream.next('test.leak');
      expect(typesOf(demoStream)).toEqual(['ready', 'test.sentinel']);
      expect(typesOf(otherStream)).toEqual(['ready', 'test.leak']);
    } finally {
      demoStream.ws.close();
      otherStream.ws.close();
    }
  });

  it('closes the streams of a user whose sessions ended, on request of any process', async () => {
    const me = await whoAmI(agent);
    const stream = await openStream(t.url, { session: agent.cookie('parley_session') });
    await stream.next('ready');
    t.deps.bus.publish(sessionsEnded(me.firmId, { userIds: [me.userId] }));
    expect(await stream.closed).toBe(SESSION_ENDED_CLOSE_CODE);
  });

  it('closes the stream of a session when it signs out, and the old cookie cannot reconnect', async () => {
    const attorney = await t.signIn('attorney1@demo.parley.test');
    const session = attorney.cookie('parley_session');
    const stream = await openStream(t.url, { session });
    await stream.next('ready');
    expect((await attorney.post('/api/v1/auth/logout')).status).toBe(204);
    expect(await stream.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    expect(await upgradeStatus(t.url, { session })).toBe(401);
  });

  it('closes the streams of a user whose role changes, so they reconnect with their new rights', async () => {
    const me = await whoAmI(agent);
    const stream = await openStream(t.url, { session: agent.cookie('parley_session') });
    await stream.next('ready');
    const changed = await admin.patch(`/api/v1/users/${me.userId}`, { role: 'staff' });
    expect(changed.status).toBe(200);
    expect(await stream.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    expect(await upgradeStatus(t.url, { session: agent.cookie('parley_session') })).toBe(101);
  });

  it('refuses an upgrade on any other path with 404', async () => {
    const session = admin.cookie('parley_session');
    expect(await upgradeStatus(t.url, { session, path: '/api/v1/matters' })).toBe(404);
  });
});

describe('stream backpressure', () => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await startTestApp({ REALTIME_MAX_BUFFERED_BYTES: String(256 * 1024) });
    admin = await t.signIn('admin@demo.parley.test');
  });
  afterAll(() => t.close());

  it('drops a client that stops reading instead of queueing for it', async () => {
    const me = await whoAmI(admin);
    const slow = await openStream(t.url, { session: admin.cookie('parley_session') });
    await slow.next('ready');
    const before = await serverSockets(t.deps);
    slow.ws.pause();
    const big = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 2000 && (await serverDrops(t.deps, 'slow')) === 0; i++) {
      publishRaw(t.deps, [
        { type: 'test.big', firmId: me.firmId, audience: { userIds: [me.userId] }, data: { i, big } },
      ]);
    }
    expect(await serverDrops(t.deps, 'slow')).toBe(1);
    expect(await serverSockets(t.deps)).toBe(before - 1);
    slow.ws.resume();
    expect(await slow.closed).toBe(1006);
  });
});

describe('stream heartbeats', () => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await startTestApp({ REALTIME_HEARTBEAT_MS: '100' });
    admin = await t.signIn('admin@demo.parley.test');
  });
  afterAll(() => t.close());

  it('closes a socket that misses two heartbeats and keeps one that answers', async () => {
    const session = admin.cookie('parley_session');
    const frozen = await openStream(t.url, { session, autoPong: false });
    const alive: Stream = await openStream(t.url, { session });
    await Promise.all([frozen.next('ready'), alive.next('ready')]);
    expect(await frozen.closed).toBe(1006);
    expect(await serverDrops(t.deps, 'heartbeat')).toBe(1);
    await waitFor(async () => (await serverSockets(t.deps)) === 1, 'the frozen socket to be gone');
    expect(alive.ws.readyState).toBe(alive.ws.OPEN);
    await admin.post('/api/v1/stream/ping');
    expect((await alive.next('pong')).type).toBe('pong');
    alive.ws.close();
  });
});
