import { describe, expect, it, vi } from 'vitest';
import { ignoredFrameCount, readFrame } from './stream-frames';

describe('readFrame', () => {
  it('answers a frame that matches the contract; one that does not is counted and logged, not thrown', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const before = ignoredFrameCount();
    expect(readFrame(JSON.stringify({ type: 'resync' }))).toEqual({ type: 'resync' });
    expect(ignoredFrameCount()).toBe(before);
    expect(readFrame(JSON.stringify({ type: 'conversation.updated', data: { id: 'c1' } }))).toBeUndefined();
    expect(readFrame('{')).toBeUndefined();
    expect(ignoredFrameCount()).toBe(before + 2);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });
});
