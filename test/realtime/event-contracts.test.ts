import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamEvent } from '../../contracts/realtime/events';
import { streamFrame } from '../../contracts/realtime/frames';
import { freshPhone, makeSetup, makeTeam } from '../message-center/helpers';
import { startTestApp, type TestApp } from '../support/app';
import type { Answer } from '../support/client';
import {
  type Contact,
  type Firm,
  type Matter,
  makeContact,
  makeFirm,
  makeMatter,
  makeUser,
  type StaffUser,
} from '../support/factories';
import { waitFor } from '../support/wait';
import { openStream, type Stream } from './stream-client';

// Drives every kind of change through the HTTP API with streams open, then checks that every frame the
// server sent parses with its contract schema, and that every event type of the contract was seen.

const eventTypes = streamEvent.options.map((option) => option.shape.type.value);

function ok(r: Answer, status = 200) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}

describe('real-time events match contracts/realtime', () => {
  let t: TestApp;
  let firm: Firm;
  let attorney: StaffUser;
  let colleague: StaffUser;
  let contact: Contact;
  let matter: Matter;
  const streams: Stream[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    attorney = await makeUser(t, firm);
    colleague = await makeUser(t, firm);
    contact = await makeContact(attorney, { phones: 2 });
    matter = await makeMatter(attorney, { assignees: [colleague], contacts: [contact] });
  });
  afterAll(async () => {
    for (const s of streams) s.ws.close();
    await t?.close();
  });

  it('sends only frames that parse with their schema, covering every event type', async () => {
    for (const user of [firm.admin, attorney, colleague]) {
      const stream = await openStream(t.url, { session: user.client.cookie('parley_session') });
      await stream.next('ready');
      streams.push(stream);
    }
    const [, mine, theirs] = streams as [Stream, Stream, Stream];

    const thread = ok(
      await attorney.client.post('/api/v1/conversations', {
        kind: 'secure_chat',
        matterId: matter.id,
        contactId: contact.id,
        contactPhone: contact.phones[0],
      }),
      201,
    );
    const path = `/api/v1/conversations/${thread.id}`;
    ok(await attorney.client.post(`${path}/members`, { userId: colleague.id }), 201);
    ok(await attorney.client.post(`${path}/messages`, { body: 'We filed the motion today.' }), 201);
    // The relay texts the client in the background; its delivery change is message.updated.
    await mine.next('message.updated');
    const inbound = ok(
      await firm.admin.client.post('/dev/sms/inbound', {
        from: contact.phones[0],
        to: thread.firmPhone,
        body: 'Thank you!',
      }),
    );
    ok(await colleague.client.post(`${path}/read`, { messageId: inbound.messageId }));
    ok(await colleague.client.put(`${path}/mute`, { muted: true }));
    await theirs.next('notification.read');
    ok(await attorney.client.put(`${path}/contact-phone`, { contactPhone: contact.phones[1] }));
    // Removed, the colleague can no longer open the thread, so its notifications go.
    ok(await attorney.client.delete(`${path}/members/${colleague.id}`));
    await theirs.next('notification.removed');

    const events = ok(await firm.admin.client.get(`/api/v1/billable-events?matterId=${matter.id}`));
    expect(events.items.length).toBeGreaterThan(0);
    const ids = events.items.map((e: { id: string }) => e.id);
    const converted = ok(await firm.admin.client.post('/api/v1/billable-events/convert', { ids }));
    const entry = converted.items[0].id as string;
    ok(
      await firm.admin.client.patch(`/api/v1/time-entries/${entry}`, {
        narrative: 'Motion filed; client told.',
      }),
    );
    ok(await firm.admin.client.delete(`/api/v1/time-entries/${entry}`), 204);
    ok(await firm.admin.client.post('/api/v1/billable-events/convert', { ids }));
    ok(await firm.admin.client.get(`/api/v1/time-entries/export?format=csv&matterId=${matter.id}`));
    ok(await attorney.client.post('/api/v1/stream/ping'), 202);
    // A Message Center secure chat invitation: secure_invite.updated.
    const setup = await makeSetup(firm, await makeTeam(firm, [firm.admin]));
    const text = ok(
      await firm.admin.client.post('/dev/sms/inbound', {
        from: freshPhone('415'),
        to: setup.campaign.phone,
        body: 'Can we talk privately?',
      }),
    );
    ok(await firm.admin.client.post(`/api/v1/conversations/${text.conversationId}/claim`, {}));
    ok(await firm.admin.client.post(`/api/v1/conversations/${text.conversationId}/secure-invite`, {}), 201);
    // The client replies STOP: conversation.updated (consent).
    const current = ok(await attorney.client.get(path));
    ok(
      await firm.admin.client.post('/dev/sms/inbound', {
        from: current.contactPhone,
        to: current.firmPhone,
        body: 'STOP',
      }),
    );
    ok(await attorney.client.post(`${path}/end`));
    ok(await attorney.client.delete(path), 204);

    await Promise.all([mine.next('conversation.deleted'), mine.next('pong')]);
    await waitFor(
      () => eventTypes.every((type) => streams.some((s) => s.frames.some((f) => f.type === type))),
      `every event type (${eventTypes.join(', ')})`,
    );

    const frames = streams.flatMap((s) => s.frames);
    for (const frame of frames) {
      const parsed = streamFrame.safeParse(frame);
      expect(parsed.error?.issues, `${frame.type}: ${JSON.stringify(frame.data)}`).toBeUndefined();
    }
    const reasons = frames.filter((f) => f.type === 'conversation.updated').map((f) => f.data.reason);
    expect(new Set(reasons)).toEqual(new Set(['members', 'mute', 'phone', 'status', 'consent', 'claim']));
  });
});
