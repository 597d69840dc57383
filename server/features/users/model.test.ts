import { describe, expect, it } from 'vitest';
import { permissions, roles } from '../../platform/http/actor';
import { accessDiff, defaultPermissions } from './model';

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
