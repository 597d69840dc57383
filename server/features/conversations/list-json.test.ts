import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { pageOf } from '../../../contracts/page';
import { fastJsonSchema, fastJsonSerializerCompiler } from '../../platform/http/fast-json';
import { kindSchemas } from './schemas';

// GET /conversations is written by fast-json-stringify (routes.ts); before, the zod serializer of
// every other route wrote it. For the same page both must write the same text, byte for byte.

const schema = pageOf(kindSchemas({}).conversationOut);
const route = { schema, method: 'GET', url: '/api/v1/conversations', httpStatus: '200' };
const fast = fastJsonSerializerCompiler(route);
const zod = zodSerializerCompiler(route as never);

const abilities = { send: true, manageMembers: false, mute: true, end: false, delete: false };
const ID = (n: number) => `0199a1b2-c3d4-7e5f-8a9b-${String(n).padStart(12, '0')}`;

/** A claimed Message Center conversation with every field, and text that needs escaping. */
const claimed = {
  id: ID(1),
  kind: 'sms',
  status: 'open',
  subject: null,
  matterId: null,
  contact: null,
  contactPhone: '+14155550101',
  firmPhone: '+16175550100',
  teamId: ID(2),
  assigneeId: ID(3),
  createdBy: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  lastMessageAt: '2026-12-02T11:22:33.456Z',
  endedAt: null,
  unreadCount: 2,
  muted: false,
  member: true,
  alert: 'waiting_overdue',
  alertAt: '2026-12-02T11:32:33.456Z',
  abilities,
  lastMessage: {
    authorType: 'contact',
    authorName: null,
    snippet: 'He said "hi" \\ then\tleft… é 😀 </script> \u2028 \u0007',
    createdAt: '2026-12-02T11:22:33.456Z',
  },
  creatorName: null,
  messageCenter: {
    customerPhone: '+14155550101',
    group: { id: ID(4), name: 'North & "East"' },
    location: { id: ID(5), name: 'Boston' },
    campaign: { id: ID(6), name: 'Spring', phone: '+16175550100' },
    team: { id: ID(2), name: 'Sales' },
    agent: { id: ID(3), name: 'Ann Agent' },
    claimedAt: '2026-12-01T10:05:00.000Z',
    waitingSince: '2026-12-02T11:22:33.456Z',
    closedAt: null,
    optedOut: false,
    revocationFlagged: true,
  },
  serviceArea: { zone: 'ideal', miles: 3.1, idealMiles: 10, maxMiles: 25.5 },
  consumerEditable: true,
};

/** Unclaimed, nothing known: the nullable objects null, the optional ones partly absent. */
const unclaimed = {
  ...claimed,
  id: ID(7),
  assigneeId: null,
  unreadCount: 0,
  member: false,
  alert: 'unclaimed',
  lastMessage: null,
  messageCenter: {
    ...claimed.messageCenter,
    agent: null,
    claimedAt: null,
    waitingSince: null,
    closedAt: '2026-12-02T12:00:00.000Z',
  },
  serviceArea: null,
  consumerEditable: false,
};

/** Another kind: a client and a subject, no Message Center fields at all, one optional set to undefined. */
const thread = {
  id: ID(8),
  kind: 'secure_chat',
  status: 'ended',
  subject: 'Estate of J. Smith',
  matterId: ID(9),
  contact: { id: ID(10), name: 'Maria García' },
  contactPhone: null,
  firmPhone: null,
  teamId: null,
  assigneeId: null,
  createdBy: ID(11),
  createdAt: '2026-11-30T09:00:00.000Z',
  lastMessageAt: null,
  endedAt: '2026-12-01T09:00:00.000Z',
  unreadCount: 12345,
  muted: true,
  member: true,
  alert: null,
  alertAt: null,
  abilities: { ...abilities, end: true, delete: true },
  lastMessage: undefined,
  creatorName: 'Blair Attorney',
};

/** Fields the schema does not name (a row's columns, a detail's members) are left out by both. */
const withExtras = {
  ...claimed,
  id: ID(12),
  members: [{ id: ID(3) }],
  subjectSealed: 'secret',
  abilities: { ...abilities, claim: true },
  messageCenter: { ...claimed.messageCenter, internalNote: 'x' },
  lastMessage: { ...claimed.lastMessage, bodySealed: 'secret' },
};

describe('the GET /conversations serializer', () => {
  it.each([
    [
      'a page of every shape',
      { items: [claimed, unclaimed, thread, withExtras], nextCursor: 'MjAyNi0xMi0wMg' },
    ],
    ['the last page', { items: [thread], nextCursor: null }],
    ['an empty page', { items: [], nextCursor: null }],
  ])('writes %s exactly as the zod serializer did', (_, page) => {
    const text = fast(page);
    expect(text).toBe(zod(page));
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(z.encode(schema, page as never))));
  });

  it('leaves out what the schema does not name', () => {
    const text = fast({ items: [withExtras], nextCursor: null });
    expect(text).not.toContain('secret');
    expect(text).not.toContain('members');
    expect(text).not.toContain('internalNote');
  });

  it('is generated without validators: "X or null" is written as a nullable X, never as anyOf', () => {
    expect(JSON.stringify(fastJsonSchema(schema))).not.toMatch(/anyOf|oneOf|\$ref/);
  });

  it('refuses a schema it cannot write the same way, instead of writing something else', () => {
    expect(() => fastJsonSchema(z.object({ a: z.union([z.string(), z.number()]) }))).toThrow(TypeError);
    expect(() => fastJsonSchema(z.record(z.string(), z.string()))).toThrow(TypeError);
    expect(() => fastJsonSchema(z.object({ a: z.string() }).passthrough())).toThrow(TypeError);
  });
});
