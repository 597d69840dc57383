import { describe, expect, it } from 'vitest';
import { firmNumbers, type OutboxText, phoneTimeline, type SentReply } from './model';

const text = (id: string, from: string, at: string): OutboxText => ({
  id,
  from,
  to: '+12025550143',
  body: `text ${id}`,
  segments: 1,
  at,
});
const reply = (id: string, from: string, at: string): SentReply => ({
  id,
  from,
  to: '+12025550900',
  body: `reply ${id}`,
  at,
  state: 'sent',
});

describe('phoneTimeline', () => {
  it('interleaves received texts and this phone’s replies by time', () => {
    const timeline = phoneTimeline(
      '+12025550143',
      [
        text('a', '+12025550900', '2030-01-01T10:00:00.000Z'),
        text('c', '+12025550900', '2030-01-01T10:02:00.000Z'),
      ],
      [reply('b', '+12025550143', '2030-01-01T10:01:00.000Z')],
    );
    expect(timeline.map((e) => [e.id, e.direction])).toEqual([
      ['a', 'in'],
      ['b', 'out'],
      ['c', 'in'],
    ]);
  });

  it('leaves out replies sent from another simulated phone', () => {
    const timeline = phoneTimeline(
      '+12025550143',
      [],
      [reply('x', '+12025550178', '2030-01-01T10:00:00.000Z')],
    );
    expect(timeline).toEqual([]);
  });
});

describe('firmNumbers', () => {
  it('lists each sending number once, the latest sender first', () => {
    expect(
      firmNumbers([
        text('a', '+12025550900', '2030-01-01T10:00:00.000Z'),
        text('b', '+12025550901', '2030-01-01T10:01:00.000Z'),
        text('c', '+12025550900', '2030-01-01T10:02:00.000Z'),
      ]),
    ).toEqual(['+12025550900', '+12025550901']);
  });

  it('is empty before any text arrived', () => {
    expect(firmNumbers([])).toEqual([]);
  });
});
