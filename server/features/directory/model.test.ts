import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { permissions, roles } from '../../platform/http/actor';
import { accessDiff, defaultPermissions, firstDuplicate, membershipChange, normalisePhone } from './model';

describe('defaultPermissions', () => {
  it('gives admins every permission', () => {
    expect([...defaultPermissions('admin')].sort()).toEqual([...permissions].sort());
  });

  it('gives agents the Message Center and attorneys and staff nothing extra', () => {
    expect(defaultPermissions('agent')).toEqual(['message_center.use']);
    expect(defaultPermissions('attorney')).toEqual([]);
    expect(defaultPermissions('staff')).toEqual([]);
  });

  it('answers only known permissions for every role', () => {
    for (const role of roles) for (const p of defaultPermissions(role)) expect(permissions).toContain(p);
  });
});

describe('normalisePhone', () => {
  it.each([
    ['(202) 555-0143', '+12025550143'],
    ['202-555-0143', '+12025550143'],
    ['202.555.0143', '+12025550143'],
    ['2025550143', '+12025550143'],
    ['+1 202 555 0143', '+12025550143'],
    ['1 (202) 555-0143', '+12025550143'],
    ['  +12025550143  ', '+12025550143'],
    ['tel:+1-202-555-0143', '+12025550143'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+33 1 23 45 67 89', '+33123456789'],
  ])('reads %s as %s', (input, e164) => {
    expect(normalisePhone(input)).toBe(e164);
  });

  it.each(['', '12345', 'not a phone', '+1 000 000 0000', '555-0143', '+999 1234 5678'])(
    'rejects %j',
    (input) => {
      expect(normalisePhone(input)).toBeNull();
    },
  );

  it('reads national numbers in the region given', () => {
    expect(normalisePhone('020 7946 0958', 'GB')).toBe('+442079460958');
  });

  it('is idempotent on its own output', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (s) => {
        const once = normalisePhone(s);
        if (once !== null) expect(normalisePhone(once)).toBe(once);
      }),
    );
  });
});

describe('firstDuplicate', () => {
  it('finds the index of the first repeat', () => {
    expect(firstDuplicate(['a', 'b', 'a', 'b'])).toBe(2);
    expect(firstDuplicate([{ n: 1 }, { n: 2 }, { n: 2 }], (v) => String(v.n))).toBe(2);
  });

  it('answers -1 when all differ, also for an empty list', () => {
    expect(firstDuplicate(['a', 'b', 'c'])).toBe(-1);
    expect(firstDuplicate([])).toBe(-1);
  });

  it('agrees with a set-size check', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 9 })), (xs) => {
        expect(firstDuplicate(xs) === -1).toBe(new Set(xs).size === xs.length);
      }),
    );
  });
});

describe('accessDiff', () => {
  const base = { role: 'attorney' as const, permissions: ['billing.manage' as const], active: true };

  it('is empty when nothing access-relevant changed, whatever the permission order', () => {
    expect(accessDiff(base, { ...base })).toEqual({});
    const two = {
      ...base,
      permissions: ['billing.manage', 'audit.read'] as ('billing.manage' | 'audit.read')[],
    };
    expect(accessDiff(two, { ...two, permissions: ['audit.read', 'billing.manage'] })).toEqual({});
  });

  it('names role, active and permissions changes with before and after', () => {
    expect(
      accessDiff(base, { role: 'admin', permissions: ['audit.read', 'billing.manage'], active: false }),
    ).toEqual({
      role: { from: 'attorney', to: 'admin' },
      active: { from: true, to: false },
      permissions: { from: ['billing.manage'], to: ['audit.read', 'billing.manage'] },
    });
  });
});

describe('membershipChange', () => {
  it('lists who was added and who was removed', () => {
    expect(membershipChange(['a', 'b', 'c'], ['c', 'd', 'a'])).toEqual({ added: ['d'], removed: ['b'] });
  });

  it('is empty for the same set in another order', () => {
    expect(membershipChange(['a', 'b'], ['b', 'a'])).toEqual({ added: [], removed: [] });
  });

  it('handles empty lists', () => {
    expect(membershipChange([], ['a'])).toEqual({ added: ['a'], removed: [] });
    expect(membershipChange(['a'], [])).toEqual({ added: [], removed: ['a'] });
  });
});
