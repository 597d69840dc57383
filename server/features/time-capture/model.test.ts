import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addText,
  amountCents,
  billedMinutes,
  type ChatSpan,
  callDurationSeconds,
  captureFor,
  captureText,
  chatDurationSeconds,
  EXCERPT_LENGTH,
  emailDurationSeconds,
  excerptSuffix,
  extendsEvent,
  firstText,
  hoursOf,
  workDateOf,
} from './model';

const T0 = new Date('2026-03-02T15:00:00.000Z');
const plus = (minutes: number, seconds = 0) => new Date(T0.getTime() + minutes * 60_000 + seconds * 1000);
const MATTER = 'matter-a';
const OTHER_MATTER = 'matter-b';

const staffText = {
  authorType: 'user',
  authorId: 'u1',
  visibility: 'public',
  kind: 'message',
  source: 'web',
};

describe('captureFor: which messages are billable', () => {
  it('captures a staff user’s public text in a secure chat, an SMS conversation and portal threads on a matter', () => {
    expect(captureFor({ kind: 'secure_chat', matterId: MATTER }, staffText)).toEqual({
      type: 'chat',
      source: 'secure_chat',
      userId: 'u1',
      matterId: MATTER,
    });
    expect(captureFor({ kind: 'sms', matterId: MATTER }, { ...staffText, source: 'sms' })).toMatchObject({
      type: 'chat',
      source: 'sms',
    });
    expect(captureFor({ kind: 'portal_chat', matterId: MATTER }, staffText)).toMatchObject({
      source: 'portal',
    });
    expect(
      captureFor({ kind: 'message', matterId: MATTER }, { ...staffText, source: 'portal' }),
    ).toMatchObject({
      source: 'portal',
    });
  });

  it('makes a message that went out as an e-mail an e-mail event', () => {
    expect(captureFor({ kind: 'message', matterId: MATTER }, { ...staffText, source: 'email' })).toEqual({
      type: 'email',
      userId: 'u1',
      matterId: MATTER,
    });
  });

  it('never captures client texts, notes, status updates, system messages or threads without a matter', () => {
    const chat = { kind: 'secure_chat', matterId: MATTER };
    expect(captureFor(chat, { ...staffText, authorType: 'contact', authorId: 'c1' })).toBeNull();
    expect(captureFor(chat, { ...staffText, authorType: 'system', authorId: null })).toBeNull();
    expect(captureFor(chat, { ...staffText, authorId: null })).toBeNull();
    expect(captureFor(chat, { ...staffText, visibility: 'note' })).toBeNull();
    expect(captureFor(chat, { ...staffText, kind: 'status' })).toBeNull();
    expect(captureFor(chat, { ...staffText, kind: 'system' })).toBeNull();
    expect(captureFor({ kind: 'sms', matterId: null }, staffText)).toBeNull();
    expect(captureFor({ kind: 'internal', matterId: MATTER }, staffText)).toBeNull();
  });
});

describe('the chat window rule (10 minutes)', () => {
  const event = firstText(MATTER, T0);

  it('extends at 9:59 after the user’s last text', () => {
    expect(extendsEvent(event, { at: plus(9, 59), matterId: MATTER }, 10)).toBe(true);
    expect(captureText(event, { at: plus(9, 59), matterId: MATTER }, 10)).toEqual({
      action: 'extend',
      span: { matterId: MATTER, startedAt: T0, endedAt: plus(9, 59), messageCount: 2 },
    });
  });

  it('starts a new event at exactly 10:00 (the window has passed) and at 10:01', () => {
    expect(extendsEvent(event, { at: plus(10), matterId: MATTER }, 10)).toBe(false);
    expect(extendsEvent(event, { at: new Date(plus(10).getTime() - 1), matterId: MATTER }, 10)).toBe(true);
    for (const at of [plus(10), plus(10, 1)])
      expect(captureText(event, { at, matterId: MATTER }, 10)).toEqual({
        action: 'start',
        closePrevious: true,
        span: { matterId: MATTER, startedAt: at, endedAt: at, messageCount: 1 },
      });
  });

  it('measures the window from the user’s last text, not the first', () => {
    let span: ChatSpan = event;
    for (const minute of [8, 16, 24, 32]) {
      const d = captureText(span, { at: plus(minute), matterId: MATTER }, 10);
      expect(d.action).toBe('extend');
      span = d.span;
    }
    expect(span).toEqual({ matterId: MATTER, startedAt: T0, endedAt: plus(32), messageCount: 5 });
    expect(captureText(span, { at: plus(42), matterId: MATTER }, 10).action).toBe('start');
  });

  it('ignores client texts in between: the client replying does not keep the event alive', () => {
    // The model is only ever fed the timekeeper's texts; a client's reply at 9:00 changes nothing,
    // so the user's next text at 10:30 still starts a new event.
    expect(
      captureFor({ kind: 'secure_chat', matterId: MATTER }, { ...staffText, authorType: 'contact' }),
    ).toBeNull();
    expect(captureText(event, { at: plus(10, 30), matterId: MATTER }, 10).action).toBe('start');
  });

  it('starts the first event when nothing is collecting', () => {
    expect(captureText(null, { at: T0, matterId: MATTER }, 10)).toEqual({
      action: 'start',
      closePrevious: false,
      span: event,
    });
  });

  it('never extends an event of another matter', () => {
    expect(extendsEvent(event, { at: plus(1), matterId: OTHER_MATTER }, 10)).toBe(false);
    expect(captureText(event, { at: plus(1), matterId: OTHER_MATTER }, 10)).toMatchObject({
      action: 'start',
      closePrevious: true,
      span: { matterId: OTHER_MATTER },
    });
  });

  it('follows the firm’s window setting', () => {
    expect(extendsEvent(event, { at: plus(14, 59), matterId: MATTER }, 15)).toBe(true);
    expect(extendsEvent(event, { at: plus(15), matterId: MATTER }, 15)).toBe(false);
    expect(extendsEvent(event, { at: plus(0, 59), matterId: MATTER }, 1)).toBe(true);
  });

  it('lets a text stamped just before the event (commits out of order) join it and move the start', () => {
    const span = { ...event, endedAt: plus(2), messageCount: 2 };
    const d = captureText(span, { at: plus(-1), matterId: MATTER }, 10);
    expect(d).toEqual({
      action: 'extend',
      span: { matterId: MATTER, startedAt: plus(-1), endedAt: plus(2), messageCount: 3 },
    });
    expect(extendsEvent(span, { at: plus(-10), matterId: MATTER }, 10)).toBe(false);
  });

  it('property: a text extends exactly when it is less than the window after the last text', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 240 }),
        fc.integer({ min: 0, max: 10 * 3_600_000 }),
        fc.integer({ min: 0, max: 10 * 3_600_000 }),
        (windowMinutes, spanMs, gapMs) => {
          const span: ChatSpan = {
            matterId: MATTER,
            startedAt: T0,
            endedAt: new Date(T0.getTime() + spanMs),
            messageCount: 2,
          };
          const at = new Date(span.endedAt.getTime() + gapMs);
          expect(extendsEvent(span, { at, matterId: MATTER }, windowMinutes)).toBe(
            gapMs < windowMinutes * 60_000,
          );
        },
      ),
    );
  });

  it('property: replaying any sequence of one user’s texts splits them exactly at gaps of a full window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 * 60_000 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 30 }),
        (gaps, windowMinutes) => {
          const times: Date[] = [];
          let t = T0.getTime();
          for (const gap of gaps) {
            t += gap;
            times.push(new Date(t));
          }
          const events: ChatSpan[] = [];
          let current: ChatSpan | null = null;
          for (const at of times) {
            const d = captureText(current, { at, matterId: MATTER }, windowMinutes);
            if (d.action === 'start' && current) events.push(current);
            current = d.span;
          }
          if (current) events.push(current);
          // Expected: a new event wherever the gap to the previous text is at least the window.
          const expectedEvents = 1 + gaps.slice(1).filter((g) => g >= windowMinutes * 60_000).length;
          expect(events).toHaveLength(expectedEvents);
          expect(events.reduce((n, e) => n + e.messageCount, 0)).toBe(times.length);
          for (const e of events) expect(e.endedAt.getTime()).toBeGreaterThanOrEqual(e.startedAt.getTime());
        },
      ),
    );
  });

  it('property: adding texts in any order gives the same event (start, end and count)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 5 * 60_000 }), { minLength: 1, maxLength: 12 }),
        (offsets) => {
          const times = offsets.map((o) => new Date(T0.getTime() + o));
          const build = (list: Date[]) =>
            list.slice(1).reduce((span, at) => addText(span, at), firstText(MATTER, list[0] as Date));
          const sorted = [...times].sort((a, b) => a.getTime() - b.getTime());
          expect(build(times)).toEqual(build(sorted));
        },
      ),
    );
  });
});

describe('durations', () => {
  it('a chat event lasts from its first to its last text plus the minimum per text', () => {
    expect(chatDurationSeconds(firstText(MATTER, T0), 60)).toBe(60);
    expect(
      chatDurationSeconds({ matterId: MATTER, startedAt: T0, endedAt: plus(5), messageCount: 4 }, 60),
    ).toBe(300 + 240);
    expect(
      chatDurationSeconds({ matterId: MATTER, startedAt: T0, endedAt: plus(0, 30), messageCount: 2 }, 0),
    ).toBe(30);
  });

  it('property: a chat event is never shorter than its texts’ minimum nor than its span', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 86_400_000 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 0, max: 600 }),
        (spanMs, count, minimum) => {
          const d = chatDurationSeconds(
            {
              matterId: MATTER,
              startedAt: T0,
              endedAt: new Date(T0.getTime() + spanMs),
              messageCount: count,
            },
            minimum,
          );
          expect(d).toBeGreaterThanOrEqual(count * minimum);
          expect(d).toBeGreaterThanOrEqual(Math.floor(spanMs / 1000));
        },
      ),
    );
  });

  it('a call lasts from start to end, a started second counting', () => {
    expect(callDurationSeconds(T0, plus(12, 30))).toBe(750);
    expect(callDurationSeconds(T0, new Date(T0.getTime() + 1500))).toBe(2);
  });

  it('an e-mail lasts the firm’s default', () => {
    expect(emailDurationSeconds({ emailDefaultMinutes: 6 })).toBe(360);
    expect(emailDurationSeconds({ emailDefaultMinutes: 15 })).toBe(900);
  });
});

describe('excerpts', () => {
  it('quote the first text on one line, cut with an ellipsis, only when asked', () => {
    expect(excerptSuffix('  Can you send\nthe lease?  ')).toBe(': “Can you send the lease?”');
    expect(excerptSuffix('   ')).toBe('');
    const long = 'é'.repeat(EXCERPT_LENGTH + 5);
    expect(excerptSuffix(long)).toBe(`: “${'é'.repeat(EXCERPT_LENGTH - 1)}…”`);
    expect(excerptSuffix('x'.repeat(EXCERPT_LENGTH))).toBe(`: “${'x'.repeat(EXCERPT_LENGTH)}”`);
  });
});

describe('conversion to billed hours', () => {
  it('rounds up to the 6-minute increment (0.1 h)', () => {
    expect(billedMinutes(1, 6)).toBe(6);
    expect(billedMinutes(360, 6)).toBe(6);
    expect(billedMinutes(361, 6)).toBe(12);
    expect(billedMinutes(720, 6)).toBe(12);
    expect(billedMinutes(3600, 6)).toBe(60);
    expect(billedMinutes(0, 6)).toBe(0);
    expect(hoursOf(billedMinutes(361, 6))).toBe(0.2);
    expect(hoursOf(6)).toBe(0.1);
  });

  it('follows other increments (15 minutes = 0.25 h)', () => {
    expect(billedMinutes(60, 15)).toBe(15);
    expect(billedMinutes(901, 15)).toBe(30);
    expect(hoursOf(15)).toBe(0.25);
  });

  it('property: billed time is the least multiple of the increment covering the duration', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 86_400 }),
        fc.integer({ min: 1, max: 60 }),
        (seconds, increment) => {
          const minutes = billedMinutes(seconds, increment);
          expect(minutes % increment).toBe(0);
          expect(minutes * 60).toBeGreaterThanOrEqual(seconds);
          expect((minutes - increment) * 60).toBeLessThan(seconds);
        },
      ),
    );
  });

  it('prices billed minutes at the hourly rate, to the cent', () => {
    expect(amountCents(6, 350_00)).toBe(35_00);
    expect(amountCents(12, 275_00)).toBe(55_00);
    expect(amountCents(5, 100)).toBe(8);
    expect(amountCents(6, 0)).toBe(0);
  });

  it('dates work by the day of its start in the firm’s zone', () => {
    expect(workDateOf(new Date('2026-03-02T23:59:59.999Z'), 'UTC')).toBe('2026-03-02');
    expect(workDateOf(new Date('2026-03-03T00:00:00.000Z'), 'UTC')).toBe('2026-03-03');
    // 9:30 PM in New York on March 2 is March 3 in UTC, and still March 2's work.
    expect(workDateOf(new Date('2026-03-03T02:30:00.000Z'), 'America/New_York')).toBe('2026-03-02');
    expect(workDateOf(new Date('2026-03-02T16:00:00.000Z'), 'Asia/Tokyo')).toBe('2026-03-03');
  });
});
