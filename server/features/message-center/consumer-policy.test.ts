import { describe, expect, it } from 'vitest';
import type { StaffActor } from '../../platform/http/actor';
import { canEditConsumer } from './consumer-policy';

const actor = (over: Partial<StaffActor> = {}): StaffActor =>
  ({
    kind: 'user',
    userId: 'u1',
    firmId: 'f1',
    role: 'agent',
    permissions: ['message_center.use'],
    ...over,
  }) as StaffActor;

describe('canEditConsumer', () => {
  it('lets the claiming agent edit', () => {
    expect(canEditConsumer(actor(), { kind: 'sms', assigneeId: 'u1' })).toBe(true);
  });

  it('lets agents who do not hold the claim only read', () => {
    expect(canEditConsumer(actor(), { kind: 'sms', assigneeId: 'u2' })).toBe(false);
    expect(canEditConsumer(actor(), { kind: 'sms', assigneeId: null })).toBe(false);
  });

  it('lets supervisors and admins edit whoever holds the claim', () => {
    const supervisor = actor({ role: 'staff', permissions: ['message_center.view_all'] });
    expect(canEditConsumer(supervisor, { kind: 'sms', assigneeId: 'u2' })).toBe(true);
    expect(
      canEditConsumer(actor({ role: 'admin', permissions: [] }), { kind: 'sms', assigneeId: null }),
    ).toBe(true);
  });

  it('refuses a claim holder who lost message_center.use', () => {
    expect(canEditConsumer(actor({ permissions: [] }), { kind: 'sms', assigneeId: 'u1' })).toBe(false);
  });

  it('refuses other kinds of conversation', () => {
    expect(canEditConsumer(actor({ role: 'admin' }), { kind: 'secure_chat', assigneeId: 'u1' })).toBe(false);
  });
});
