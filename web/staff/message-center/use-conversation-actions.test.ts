import { describe, expect, it } from 'vitest';
import { ApiError } from '../../ui/problem';
import { claimHolder } from './use-conversation-actions';

describe('claimHolder', () => {
  it('reads the holder a 409 names', () => {
    const error = new ApiError(409, {
      type: '/problems/claimed',
      title: 'Claimed',
      status: 409,
      holder: { id: 'u2', name: 'Robin Agent' },
    } as never);
    expect(claimHolder(error)).toEqual({ id: 'u2', name: 'Robin Agent' });
  });
  it('is null for other failures', () => {
    expect(claimHolder(new ApiError(409, { type: '/problems/closed', title: 'Closed', status: 409 }))).toBe(
      null,
    );
    expect(claimHolder(new ApiError(500, { type: 'about:blank', title: 'Oops', status: 500 }))).toBe(null);
    expect(claimHolder(new Error('offline'))).toBe(null);
  });
});
