import { describe, expect, it } from 'vitest';
import { messageNotificationTitle } from './notify';

describe('messageNotificationTitle', () => {
  it('names the author and nothing of the content', () => {
    expect(messageNotificationTitle('Jane Roe')).toBe('New message from Jane Roe');
  });

  it('stays generic when the author has no name (system or deleted author)', () => {
    expect(messageNotificationTitle(null)).toBe('New message');
  });
});
