import { describe, expect, it } from 'vitest';
import { staleKeysFor } from './live-updates';

describe('staleKeysFor', () => {
  it('refreshes conversation lists on conversation, message and read events', () => {
    for (const type of [
      'conversation.created',
      'conversation.deleted',
      'message.created',
      'message.updated',
      'read.updated',
    ]) {
      expect(staleKeysFor(type)).toEqual([['conversations']]);
    }
  });

  it('refreshes notifications on notification events', () => {
    expect(staleKeysFor('notification.created')).toEqual([['notifications']]);
  });

  it('refreshes the time dashboard on billable event and time entry events', () => {
    expect(staleKeysFor('billable_event.created')).toEqual([['billable-events']]);
    expect(staleKeysFor('billable_event.updated')).toEqual([['billable-events']]);
    expect(staleKeysFor('time_entry.created')).toEqual([['time-entries']]);
  });

  it('ignores typing and unknown events', () => {
    expect(staleKeysFor('typing')).toEqual([]);
    expect(staleKeysFor('ready')).toEqual([]);
  });
});
