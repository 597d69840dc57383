import { describe, expect, it } from 'vitest';
import { membershipChange } from './model';

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
