import { describe, expect, it } from 'vitest';
import { notificationTarget } from './NotificationBell';

describe('notificationTarget', () => {
  it('opens a secure chat on its matter page', () => {
    expect(notificationTarget({ matterId: 'm1', conversationId: 'c1' })).toBe('/matters/m1/secure-chat/c1');
  });

  it('opens the inbox for a conversation without a matter, and nothing otherwise', () => {
    expect(notificationTarget({ matterId: null, conversationId: 'c1' })).toBe('/inbox');
    expect(notificationTarget({ matterId: 'm1', conversationId: null })).toBeNull();
  });
});
