import { describe, expect, it } from 'vitest';
import type { BillableEventOut as BillableEvent } from '../../../contracts/time-capture';
import { eventsQuery, formatDuration, groupByDay, localDay, totalSeconds } from './model';

const event = (id: string, startedAt: string, durationSeconds: number) =>
  ({ id, startedAt, durationSeconds }) as BillableEvent;

describe('time dashboard model', () => {
  it('formats durations for people', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(60)).toBe('1 min');
    expect(formatDuration(750)).toBe('12 min 30 s');
    expect(formatDuration(3600)).toBe('1 h');
    expect(formatDuration(3900 + 30)).toBe('1 h 5 min');
  });

  it('groups newest-first events by local day with totals', () => {
    const noonA = new Date(2026, 2, 3, 12).toISOString();
    const nineA = new Date(2026, 2, 3, 9).toISOString();
    const noonB = new Date(2026, 2, 2, 12).toISOString();
    const groups = groupByDay([event('a', noonA, 60), event('b', nineA, 120), event('c', noonB, 30)]);
    expect(groups.map((g) => [g.day, g.events.map((e) => e.id), g.totalSeconds])).toEqual([
      ['2026-03-03', ['a', 'b'], 180],
      ['2026-03-02', ['c'], 30],
    ]);
    expect(localDay(noonB)).toBe('2026-03-02');
    expect(totalSeconds([event('a', noonA, 60), event('c', noonB, 30)])).toBe(90);
  });

  it('asks the API for whole local days and only the filters that are set', () => {
    const q = new URLSearchParams(
      eventsQuery({ status: 'open', userId: null, matterId: 'm1', from: '2026-03-02', to: '2026-03-02' }),
    );
    expect(q.get('status')).toBe('open');
    expect(q.get('matterId')).toBe('m1');
    expect(q.has('userId')).toBe(false);
    expect(new Date(q.get('from') as string).getTime()).toBe(new Date(2026, 2, 2).getTime());
    expect(new Date(q.get('to') as string).getTime()).toBe(new Date(2026, 2, 3).getTime() - 1);
    expect(
      new URLSearchParams(eventsQuery({ status: 'all', userId: null, matterId: null, from: '', to: '' })).has(
        'status',
      ),
    ).toBe(false);
  });
});
