import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_ENDED_CLOSE_CODE } from '../../contracts/realtime/close-codes';
import { sha256Hex, splitFirmSecret } from '../../server/features/auth/secrets';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { openStream, type Stream } from './stream-client';
import { portalSession, publishRaw } from './support';

/** The sessions row id behind a session cookie. */
function sessionIdOf(cookie: string | undefined): string {
  const parsed = splitFirmSecret(cookie ?? '', '.');
  if (!parsed) throw new Error('not a session cookie');
  return sha256Hex(parsed.secret);
}

// Nothing publishes an event when a session merely runs out, and a change made while the bus is
// down publishes none either: the gateway's periodic look at the sessions table must catch them.
describe('streams end with their session', () => {
  let t: TestApp;
  let admin: TestClient;
  let bystander: Stream;
  beforeAll(async () => {
    t = await startTestApp({ REALTIME_SESSION_CHECK_MS: '100' });
    admin = await t.signIn('admin@demo.parley.test');
    bystander = await openStream(t.url, { session: admin.cookie('parley_session') });
    await bystander.next('ready');
  });
  afterAll(async () => {
    bystander.ws.close();
    await t.close();
  });

  /** A fresh session of the agent with an open stream that has received an event. */
  async function agentStream(): Promise<{ client: TestClient; stream: Stream; id: string; userId: string }> {
    const client = await t.signIn('agent1@demo.parley.test');
    const stream = await openStream(t.url, { session: client.cookie('parley_session') });
    const { userId } = (await stream.next('ready')).data;
    expect((await client.post('/api/v1/stream/ping')).status).toBe(202);
    await stream.next('pong');
    return { client, stream, id: sessionIdOf(client.cookie('parley_session')), userId };
  }

  /** The bystander (a live session) is still open and still gets events. */
  async function bystanderStillServed() {
    expect((await admin.post('/api/v1/stream/ping')).status).toBe(202);
    await bystander.next('pong');
    expect(bystander.ws.readyState).toBe(bystander.ws.OPEN);
  }

  it('closes the stream of a session idle past SESSION_IDLE_MINUTES (4001), as HTTP refuses it', async () => {
    const { client, stream, id } = await agentStream();
    await t.database.query(
      "UPDATE sessions SET last_seen_at = now() - make_interval(mins => $2) - interval '1 minute' WHERE id = $1",
      [id, t.deps.config.SESSION_IDLE_MINUTES],
    );
    expect(await stream.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    await bystanderStillServed();
  });

  it('closes the stream of a session past its absolute end (4001)', async () => {
    const { client, stream, id } = await agentStream();
    await t.database.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1", [
      id,
    ]);
    expect(await stream.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    expect((await client.get('/api/v1/me')).status).toBe(401);
    await bystanderStillServed();
  });

  it('closes the stream of a session deleted without an event (4001)', async () => {
    const { stream, id } = await agentStream();
    await t.database.query('DELETE FROM sessions WHERE id = $1', [id]);
    expect(await stream.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    await bystanderStillServed();
  });

  it('closes the stream of a user deactivated or given other permissions without an event (4001)', async () => {
    const first = await agentStream();
    const [before] = await t.database.query<{ permissions: string[] }>(
      'SELECT permissions FROM users WHERE id = $1',
      [first.userId],
    );
    await t.database.query("UPDATE users SET permissions = '{audit.read}' WHERE id = $1", [first.userId]);
    expect(await first.stream.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    const second = await agentStream();
    await t.database.query('UPDATE users SET active = false WHERE id = $1', [second.userId]);
    expect(await second.stream.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    await t.database.query('UPDATE users SET active = true, permissions = $2 WHERE id = $1', [
      first.userId,
      before?.permissions,
    ]);
    await bystanderStillServed();
  });

  it('closes a portal stream whose session expires, after it received live content (4001)', async () => {
    const portal = await portalSession(t);
    const stream = await openStream(t.url, {
      session: portal.cookie,
      cookie: 'parley_portal_session',
      path: '/api/v1/portal/stream',
    });
    await stream.next('ready');
    publishRaw(t.deps, [
      {
        type: 'test.for-contact',
        firmId: portal.firmId,
        audience: { contactIds: [portal.contactId] },
        data: {},
      },
    ]);
    await stream.next('test.for-contact');
    await t.database.query("UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id = $1", [
      sessionIdOf(portal.cookie),
    ]);
    expect(await stream.closed).toBe(SESSION_ENDED_CLOSE_CODE);
    await bystanderStillServed();
  });
});
