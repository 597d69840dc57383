import { describe, expect, it } from 'vitest';
import type { BillableEventOut as BillableEvent } from '../../../contracts/time-capture';
import { eventsQuery, firmDay, formatDuration, groupByDay, totalSeconds } from './model';

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

  it('groups newest-first events by the firm’s day with totals, whatever the browser’s zone', () => {
    const noonA = '2026-03-03T17:00:00.000Z'; // noon in New York
    const nineA = '2026-03-03T14:00:00.000Z';
    const eveningB = '2026-03-03T02:30:00.000Z'; // 9:30 PM on March 2 in New York, March 3 in UTC
    const events = [event('a', noonA, 60), event('b', nineA, 120), event('c', eveningB, 30)];
    const groups = groupByDay(events, 'America/New_York');
    expect(groups.map((g) => [g.day, g.events.map((e) => e.id), g.totalSeconds])).toEqual([
      ['2026-03-03', ['a', 'b'], 180],
      ['2026-03-02', ['c'], 30],
    ]);
    expect(groupByDay(events, 'UTC').map((g) => g.day)).toEqual(['2026-03-03']);
    expect(firmDay(eveningB, 'America/New_York')).toBe('2026-03-02');
    expect(totalSeconds([event('a', noonA, 60), event('c', eveningB, 30)])).toBe(90);
  });

  it('asks the API for whole days of the firm and only the filters that are set', () => {
    const q = new URLSearchParams(
      eventsQuery(
        { status: 'open', userId: null, matterId: 'm1', from: '2026-03-02', to: '2026-03-02' },
        'America/New_York',
      ),
    );
    expect(q.get('status')).toBe('open');
    expect(q.get('matterId')).toBe('m1');
    expect(q.has('userId')).toBe(false);
    expect(q.get('from')).toBe('2026-03-02T05:00:00.000Z');
    expect(q.get('to')).toBe('2026-03-03T04:59:59.999Z');
    expect(
      new URLSearchParams(
        eventsQuery({ status: 'all', userId: null, matterId: null, from: '', to: '' }, 'UTC'),
      ).has('status'),
    ).toBe(false);
  });
});
