import { describe, expect, it } from 'vitest';
import { type AlertFacts, alertDeadline, alertOf, publicReplyRefusal } from './model';

const T0 = new Date('2026-03-02T10:00:00.000Z');
const at = (minutes: number, ms = 0) => new Date(T0.getTime() + minutes * 60_000 + ms);
const base: AlertFacts = {
  status: 'open',
  assigneeId: null,
  unclaimedSince: T0,
  createdAt: T0,
  waitingSince: T0,
};

describe('alertOf (alertMinutes 5, fixed clock)', () => {
  it('is unclaimed until the threshold, with alertAt at the threshold', () => {
    for (const now of [at(0), at(1), at(4, 59_999)])
      expect(alertOf(base, now, 5)).toEqual({ alert: 'unclaimed', alertAt: at(5) });
  });

  it('turns unclaimed_overdue at the threshold itself and stays so, with nothing left to change', () => {
    for (const now of [at(5), at(5, 1), at(60), at(60 * 24 * 30)])
      expect(alertOf(base, now, 5)).toEqual({ alert: 'unclaimed_overdue', alertAt: null });
  });

  it('counts an unclaimed wait from unclaimedSince, or from creation when unset', () => {
    const handedBack = { ...base, unclaimedSince: at(10), createdAt: T0 };
    expect(alertOf(handedBack, at(12), 5)).toEqual({ alert: 'unclaimed', alertAt: at(15) });
    const legacy = { ...base, unclaimedSince: null };
    expect(alertOf(legacy, at(6), 5)).toEqual({ alert: 'unclaimed_overdue', alertAt: null });
  });

  it('an unclaimed conversation alerts whether or not the customer waits', () => {
    expect(alertOf({ ...base, waitingSince: null }, at(1), 5).alert).toBe('unclaimed');
  });

  it('has no alert once claimed while the customer waits less than the threshold, alertAt at it', () => {
    const claimed = { ...base, assigneeId: 'agent', waitingSince: at(2) };
    expect(alertOf(claimed, at(2), 5)).toEqual({ alert: null, alertAt: at(7) });
    expect(alertOf(claimed, at(6, 59_999), 5)).toEqual({ alert: null, alertAt: at(7) });
  });

  it('is waiting_overdue once the claimed conversation’s customer has waited the threshold', () => {
    const claimed = { ...base, assigneeId: 'agent', waitingSince: at(2) };
    expect(alertOf(claimed, at(7), 5)).toEqual({ alert: 'waiting_overdue', alertAt: null });
    expect(alertOf(claimed, at(90), 5)).toEqual({ alert: 'waiting_overdue', alertAt: null });
  });

  it('has nothing when claimed and answered (not waiting), however long ago', () => {
    const answered = { ...base, assigneeId: 'agent', waitingSince: null };
    expect(alertOf(answered, at(500), 5)).toEqual({ alert: null, alertAt: null });
  });

  it('has nothing when closed, in every other state', () => {
    for (const assigneeId of [null, 'agent'])
      for (const waitingSince of [null, T0])
        expect(alertOf({ ...base, status: 'closed', assigneeId, waitingSince }, at(100), 5)).toEqual({
          alert: null,
          alertAt: null,
        });
  });

  it('follows the firm’s alertMinutes', () => {
    expect(alertOf(base, at(1), 1)).toEqual({ alert: 'unclaimed_overdue', alertAt: null });
    expect(alertOf(base, at(1), 2)).toEqual({ alert: 'unclaimed', alertAt: at(2) });
    expect(alertOf(base, at(1439), 1440)).toEqual({ alert: 'unclaimed', alertAt: at(1440) });
  });

  it('alertDeadline names the next threshold independently of the time', () => {
    expect(alertDeadline(base, 5)).toEqual({ kind: 'unclaimed_overdue', at: at(5) });
    expect(alertDeadline({ ...base, assigneeId: 'a', waitingSince: at(3) }, 5)).toEqual({
      kind: 'waiting_overdue',
      at: at(8),
    });
    expect(alertDeadline({ ...base, assigneeId: 'a', waitingSince: null }, 5)).toBeNull();
    expect(alertDeadline({ ...base, status: 'closed' }, 5)).toBeNull();
  });
});

describe('publicReplyRefusal', () => {
  it('refuses before a claim, and to anyone but the claiming agent', () => {
    expect(publicReplyRefusal({ status: 'open', assigneeId: null }, 'me')).toBe('not-claimed');
    expect(publicReplyRefusal({ status: 'open', assigneeId: 'other' }, 'me')).toBe('claimed');
    expect(publicReplyRefusal({ status: 'open', assigneeId: 'me' }, 'me')).toBeNull();
  });
});
