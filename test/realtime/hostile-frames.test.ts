import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOOD_CLOSE_CODE } from '../../contracts/realtime/close-codes';
import { startTestApp, type TestApp } from '../support/app';
import type { TestClient } from '../support/client';
import { openStream, type Stream, type StreamOptions, serverDrops } from './stream-client';
import { portalSession } from './support';

/** Resolves once the server has read everything the client sent before (frames are read in order). */
function roundTrip(stream: Stream): Promise<void> {
  return new Promise((resolve) => {
    stream.ws.once('pong', () => resolve());
    stream.ws.ping();
  });
}

// Each of these used to end the whole process: ws emitted 'error' on a socket nobody listened to.
describe('hostile frames on the stream', () => {
  let t: TestApp;
  let admin: TestClient;
  let bystander: Stream;
  const streams: Record<string, () => StreamOptions> = {};
  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signIn('admin@demo.parley.test');
    const portal = await portalSession(t);
    streams.staff = () => ({ session: admin.cookie('parley_session') });
    streams.portal = () => ({
      session: portal.cookie,
      cookie: 'parley_portal_session',
      path: '/api/v1/portal/stream',
    });
    bystander = await openStream(t.url, { session: admin.cookie('parley_session') });
    await bystander.next('ready');
  });
  afterAll(async () => {
    bystander.ws.close();
    await t.close();
  });

  /** The server still answers HTTP and still delivers events to the other socket. */
  async function stillServing() {
    expect((await t.client().get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await admin.post('/api/v1/stream/ping')).status).toBe(202);
    expect((await bystander.next('pong')).type).toBe('pong');
    expect(bystander.ws.readyState).toBe(bystander.ws.OPEN);
  }

  async function opened(kind: string): Promise<Stream> {
    const stream = await openStream(t.url, streams[kind]!());
    await stream.next('ready');
    return stream;
  }

  describe.each(['staff', 'portal'])('%s stream', (kind) => {
    it('accepts a frame of up to 64 KiB and ignores it', async () => {
      const stream = await opened(kind);
      stream.ws.send('x'.repeat(64 * 1024));
      await roundTrip(stream);
      expect(stream.ws.readyState).toBe(stream.ws.OPEN);
      stream.ws.close();
      await stillServing();
    });

    it('closes a socket that sends a frame over 64 KiB with 1009', async () => {
      const invalidBefore = await serverDrops(t.deps, 'invalid');
      const stream = await opened(kind);
      stream.ws.send('x'.repeat(64 * 1024 + 1));
      expect(await stream.closed).toBe(1009);
      expect(await serverDrops(t.deps, 'invalid')).toBe(invalidBefore + 1);
      await stillServing();
    });

    it('closes a socket that sends invalid UTF-8 in a text frame with 1007', async () => {
      const stream = await opened(kind);
      stream.ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
      expect(await stream.closed).toBe(1007);
      await stillServing();
    });

    it('closes a socket that floods 1,000 frames with 1008, and keeps one that answers pings', async () => {
      const floodsBefore = await serverDrops(t.deps, 'flood');
      const stream = await opened(kind);
      for (let i = 0; i < 1000; i++) stream.ws.send('{"type":"ping"}');
      expect(await stream.closed).toBe(FLOOD_CLOSE_CODE);
      expect(await serverDrops(t.deps, 'flood')).toBe(floodsBefore + 1);
      await stillServing();
    });
  });

  it('has dropped none of the well-behaved sockets', async () => {
    expect(await serverDrops(t.deps, 'heartbeat')).toBe(0);
    expect(await serverDrops(t.deps, 'slow')).toBe(0);
    await stillServing();
  });
});
