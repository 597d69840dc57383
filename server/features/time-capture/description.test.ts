import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE } from '../../../contracts/time-zone';
import { clockRange, describeEvent } from './description';

const zone = DEFAULT_TIME_ZONE;
// 2026-03-02 is in US Eastern standard time (UTC-5): 19:10Z is 2:10 PM.
const utc = (hhmm: string, day = '2026-03-02') => new Date(`${day}T${hhmm}:00.000Z`);

describe('event descriptions', () => {
  it('say who, which matter, how many texts were sent and when', () => {
    expect(
      describeEvent({
        source: 'secure_chat',
        contactName: 'Jane Roe',
        matterName: 'Roe v. Acme Corp.',
        messageCount: 3,
        startedAt: utc('19:10'),
        endedAt: utc('19:18'),
        timeZone: zone,
      }),
    ).toBe('Text messages with Jane Roe re Roe v. Acme Corp. (3 sent, 2:10–2:18 PM)');
    expect(
      describeEvent({
        source: 'portal',
        matterName: 'Estate of Smith',
        messageCount: 1,
        startedAt: utc('14:05'),
        endedAt: utc('14:05'),
        timeZone: zone,
      }),
    ).toBe('Portal messages re Estate of Smith (1 sent, 9:05 AM)');
  });

  it('describe calls with their span and e-mails with their time, without a count', () => {
    const base = { matterName: 'Roe v. Acme Corp.', contactName: 'Jane Roe', timeZone: zone };
    expect(describeEvent({ ...base, source: 'call', startedAt: utc('14:05'), endedAt: utc('14:17') })).toBe(
      'Call with Jane Roe re Roe v. Acme Corp. (9:05–9:17 AM)',
    );
    expect(describeEvent({ ...base, source: 'email', startedAt: utc('21:30'), endedAt: utc('21:30') })).toBe(
      'E-mail to Jane Roe re Roe v. Acme Corp. (4:30 PM)',
    );
    expect(
      describeEvent({
        ...base,
        contactName: null,
        source: 'call',
        startedAt: utc('14:05'),
        endedAt: utc('14:06'),
      }),
    ).toBe('Call re Roe v. Acme Corp. (9:05–9:06 AM)');
  });

  it('write the period once when both ends share it, and follow the zone’s daylight saving time', () => {
    expect(clockRange(utc('16:55'), utc('17:05'), zone)).toBe('11:55 AM–12:05 PM');
    expect(clockRange(utc('04:59'), utc('05:01'), zone)).toBe('11:59 PM–12:01 AM');
    // 2026-07-01 is in daylight saving time (UTC-4).
    expect(clockRange(utc('18:10', '2026-07-01'), utc('18:18', '2026-07-01'), zone)).toBe('2:10–2:18 PM');
    expect(clockRange(utc('18:10'), utc('18:10'), 'UTC')).toBe('6:10 PM');
  });

  it('write the clock of the firm’s zone, whatever the server’s', () => {
    const facts = {
      source: 'secure_chat' as const,
      contactName: 'Jane Roe',
      matterName: 'Roe v. Acme Corp.',
      messageCount: 2,
      startedAt: utc('19:10'),
      endedAt: utc('19:18'),
    };
    expect(describeEvent({ ...facts, timeZone: 'Europe/Paris' })).toBe(
      'Text messages with Jane Roe re Roe v. Acme Corp. (2 sent, 8:10–8:18 PM)',
    );
    expect(describeEvent({ ...facts, timeZone: 'America/Los_Angeles' })).toBe(
      'Text messages with Jane Roe re Roe v. Acme Corp. (2 sent, 11:10–11:18 AM)',
    );
    expect(describeEvent({ ...facts, timeZone: 'Asia/Kolkata' })).toBe(
      'Text messages with Jane Roe re Roe v. Acme Corp. (2 sent, 12:40–12:48 AM)',
    );
  });
});
