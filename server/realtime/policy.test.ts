import { describe, expect, it } from 'vitest';
import type { SessionState } from '../features/auth';
import type { ContactActor, StaffActor } from '../platform/http/actor';
import { fullBucket, inboundFrameRate, isAllowedOrigin, streamMayContinue, takeFrame } from './policy';

const request = { protocol: 'http', host: '127.0.0.1:8080' };

describe('isAllowedOrigin', () => {
  it.each([
    ['http://127.0.0.1:8080', undefined, true],
    ['http://127.0.0.1:8080/', undefined, true],
    ['https://parley.example.com', 'https://parley.example.com/app', true],
    ['http://127.0.0.1:8081', undefined, false],
    ['https://127.0.0.1:8080', undefined, false],
    ['http://evil.example', 'https://parley.example.com', false],
    ['null', undefined, false],
    ['not a url', undefined, false],
    [undefined, undefined, false],
  ])('origin %s with PUBLIC_URL %s → %s', (origin, publicUrl, allowed) => {
    expect(isAllowedOrigin(origin, request, publicUrl)).toBe(allowed);
  });

  it('refuses every origin when the request has no Host and no PUBLIC_URL matches', () => {
    expect(isAllowedOrigin('http://127.0.0.1:8080', { protocol: 'http', host: undefined }, undefined)).toBe(
      false,
    );
  });
});

describe('takeFrame', () => {
  const rate = { burst: 3, perSecond: 2 };

  it('lets a burst through, then refuses until tokens refill at the steady rate', () => {
    let bucket = fullBucket(rate, 0);
    for (let i = 0; i < 3; i++) {
      const next = takeFrame(bucket, rate, 0);
      expect(next).not.toBeNull();
      bucket = next!;
    }
    expect(takeFrame(bucket, rate, 0)).toBeNull();
    expect(takeFrame(bucket, rate, 400)).toBeNull();
    expect(takeFrame(bucket, rate, 500)).toEqual({ tokens: 0, at: 500 });
  });

  it('never stores more than the burst, however long the socket was quiet', () => {
    expect(takeFrame({ tokens: 0, at: 0 }, rate, 3_600_000)).toEqual({ tokens: 2, at: 3_600_000 });
  });

  it('refuses a flood of 1,000 frames in a second after at most burst + rate frames', () => {
    let bucket = fullBucket(inboundFrameRate, 0);
    let accepted = 0;
    for (let i = 0; i < 1000; i++) {
      const next = takeFrame(bucket, inboundFrameRate, i);
      if (!next) break;
      bucket = next;
      accepted += 1;
    }
    expect(accepted).toBeLessThanOrEqual(inboundFrameRate.burst + inboundFrameRate.perSecond);
  });

  it('allows a pong per heartbeat forever', () => {
    let bucket = fullBucket(inboundFrameRate, 0);
    for (let t = 0; t < 100; t++) {
      const next = takeFrame(bucket, inboundFrameRate, t * 1000);
      expect(next).not.toBeNull();
      bucket = next!;
    }
  });
});

describe('streamMayContinue', () => {
  const limits = { idleMinutes: 60, maxHours: 24 };
  const now = new Date('2026-01-01T12:00:00Z');
  const staff: StaffActor = {
    kind: 'user',
    firmId: 'f',
    userId: 'u',
    role: 'agent',
    permissions: ['message_center.use'],
    via: 'session',
    sessionId: 's',
  };
  const contact: ContactActor = {
    kind: 'contact',
    firmId: 'f',
    contactId: 'c',
    via: 'session',
    sessionId: 's',
  };
  const live: SessionState = {
    lastSeenAt: new Date('2026-01-01T11:30:00Z'),
    expiresAt: new Date('2026-01-02T00:00:00Z'),
    subjectType: 'user',
    subjectId: 'u',
    userActive: true,
    role: 'agent',
    permissions: ['message_center.use'],
    portalStatus: null,
  };
  const portal: SessionState = {
    ...live,
    subjectType: 'contact',
    subjectId: 'c',
    userActive: null,
    role: null,
    permissions: null,
    portalStatus: 'active',
  };

  it('keeps a live session whose subject is unchanged', () => {
    expect(streamMayContinue(staff, live, limits, now)).toBe(true);
    expect(streamMayContinue(staff, { ...live, permissions: ['message_center.use'] }, limits, now)).toBe(
      true,
    );
    expect(streamMayContinue(contact, portal, limits, now)).toBe(true);
  });

  it.each([
    ['deleted (signed out, password changed)', undefined],
    ['idle too long', { ...live, lastSeenAt: new Date('2026-01-01T11:00:00Z') }],
    ['past its absolute end', { ...live, expiresAt: now }],
    ['of a deactivated user', { ...live, userActive: false }],
    ['of a user whose role changed', { ...live, role: 'staff' }],
    ['of a user who lost a permission', { ...live, permissions: [] }],
    ['of a user who gained a permission', { ...live, permissions: ['message_center.use', 'audit.read'] }],
    ['of someone else', { ...live, subjectId: 'other' }],
  ])('ends a staff stream whose session is %s', (_what, state) => {
    expect(streamMayContinue(staff, state, limits, now)).toBe(false);
  });

  it.each([
    ['deleted', undefined],
    ['idle too long', { ...portal, lastSeenAt: new Date('2026-01-01T10:00:00Z') }],
    ['past its absolute end', { ...portal, expiresAt: new Date('2026-01-01T11:59:59Z') }],
    ['of a contact whose portal is no longer active', { ...portal, portalStatus: 'invited' }],
    ['of a staff user', live],
  ])('ends a portal stream whose session is %s', (_what, state) => {
    expect(streamMayContinue(contact, state, limits, now)).toBe(false);
  });
});
