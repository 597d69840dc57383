import { describe, expect, it } from 'vitest';
import type { MessageCenterDetails } from '../../../contracts/message-center';
import {
  type Alertable,
  activateTab,
  alertLook,
  closeTab,
  countWords,
  currentAlert,
  formatCount,
  MAX_TABS,
  nextAlertChange,
  noTabs,
  openTab,
  publicReplyBlock,
  segmentCounter,
} from './model';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString();

const details: MessageCenterDetails = {
  customerPhone: '+12025550100',
  group: { id: 'g', name: 'North' },
  location: { id: 'l', name: 'Downtown' },
  campaign: { id: 'c', name: 'Spring', phone: '+12025550999' },
  team: { id: 't', name: 'Sales' },
  agent: null,
  claimedAt: null,
  waitingSince: null,
  closedAt: null,
  optedOut: false,
  revocationFlagged: false,
};

function conv(over: Partial<Alertable> = {}, mc: Partial<MessageCenterDetails> = {}): Alertable {
  return { status: 'open', alert: null, alertAt: null, messageCenter: { ...details, ...mc }, ...over };
}

describe('currentAlert', () => {
  it('keeps the server alert until alertAt', () => {
    expect(currentAlert(conv({ alert: 'unclaimed', alertAt: at(1) }), NOW)).toBe('unclaimed');
  });
  it('turns unclaimed into unclaimed_overdue at alertAt exactly and after', () => {
    expect(currentAlert(conv({ alert: 'unclaimed', alertAt: at(0) }), NOW)).toBe('unclaimed_overdue');
    expect(currentAlert(conv({ alert: 'unclaimed', alertAt: at(-3) }), NOW)).toBe('unclaimed_overdue');
  });
  it('raises waiting_overdue for a claimed conversation whose customer waits past alertAt', () => {
    const claimed = conv(
      { alert: null, alertAt: at(-1) },
      { agent: { id: 'u', name: 'Casey' }, waitingSince: at(-6) },
    );
    expect(currentAlert(claimed, NOW)).toBe('waiting_overdue');
  });
  it('does not invent an alert when nobody is waiting', () => {
    expect(currentAlert(conv({ alert: null, alertAt: at(-1) }, { agent: { id: 'u', name: 'C' } }), NOW)).toBe(
      null,
    );
  });
  it('keeps overdue alerts and shows none on closed conversations', () => {
    expect(currentAlert(conv({ alert: 'waiting_overdue', alertAt: null }), NOW)).toBe('waiting_overdue');
    expect(currentAlert(conv({ status: 'closed', alert: 'unclaimed', alertAt: at(-1) }), NOW)).toBe(null);
  });
});

describe('nextAlertChange', () => {
  it('is the earliest future alertAt of open conversations', () => {
    const items = [
      conv({ alertAt: at(4) }),
      conv({ alertAt: at(2) }),
      conv({ alertAt: at(-1) }),
      conv({ status: 'closed', alertAt: at(1) }),
      conv(),
    ];
    expect(nextAlertChange(items, NOW)).toBe(NOW + 2 * 60_000);
  });
  it('is null when nothing will change', () => {
    expect(nextAlertChange([conv({ alertAt: at(-1) }), conv()], NOW)).toBe(null);
  });
});

describe('alertLook', () => {
  it('maps each alert to its icon and words', () => {
    expect(alertLook('unclaimed')).toEqual({
      icon: 'exclamation',
      flashing: false,
      label: 'Not claimed yet',
    });
    expect(alertLook('unclaimed_overdue')?.flashing).toBe(true);
    expect(alertLook('waiting_overdue')?.icon).toBe('alarm');
    expect(alertLook(null)).toBe(null);
  });
});

describe('filter counts', () => {
  it('formats counts', () => {
    expect(formatCount(undefined)).toBe('');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('999+');
  });
  it('names what a count counts', () => {
    expect(countWords(undefined)).toBe('');
    expect(countWords(1)).toBe(' conversation');
    expect(countWords(0)).toBe(' conversations');
    expect(countWords(1000)).toBe(' conversations');
  });
});

describe('tabs', () => {
  const a = { id: 'a', title: '+1 202-555-0100' };
  const b = { id: 'b', title: '+1 202-555-0101' };
  const c = { id: 'c', title: '+1 202-555-0102' };

  it('opens tabs at the end and activates them; reopening only activates', () => {
    let s = openTab(noTabs, a);
    s = openTab(s, b);
    expect(s).toEqual({ tabs: [a, b], active: 'b' });
    s = openTab(s, a);
    expect(s).toEqual({ tabs: [a, b], active: 'a' });
  });
  it('closing the active tab shows the right neighbour, else the left one, else nothing', () => {
    const s = { tabs: [a, b, c], active: 'b' };
    expect(closeTab(s, 'b')).toEqual({ tabs: [a, c], active: 'c' });
    expect(closeTab({ tabs: [a, b], active: 'b' }, 'b')).toEqual({ tabs: [a], active: 'a' });
    expect(closeTab({ tabs: [a], active: 'a' }, 'a')).toEqual({ tabs: [], active: null });
  });
  it('closing another tab keeps the active one; unknown ids change nothing', () => {
    const s = { tabs: [a, b], active: 'b' };
    expect(closeTab(s, 'a')).toEqual({ tabs: [b], active: 'b' });
    expect(closeTab(s, 'x')).toBe(s);
    expect(activateTab(s, 'x')).toBe(s);
    expect(activateTab(s, 'a').active).toBe('a');
  });
  it('keeps at most MAX_TABS, dropping the oldest', () => {
    let s = noTabs;
    for (let i = 0; i <= MAX_TABS; i += 1) s = openTab(s, { id: `t${i}`, title: `${i}` });
    expect(s.tabs).toHaveLength(MAX_TABS);
    expect(s.tabs[0]?.id).toBe('t1');
    expect(s.active).toBe(`t${MAX_TABS}`);
  });
});

describe('segmentCounter', () => {
  it('counts GSM-7 and Unicode texts', () => {
    expect(segmentCounter('')).toBe('0 characters · 0 texts (GSM-7)');
    expect(segmentCounter('Hi')).toBe('2 characters · 1 text (GSM-7)');
    expect(segmentCounter('a'.repeat(161))).toBe('161 characters · 2 texts (GSM-7)');
    expect(segmentCounter('€')).toBe('2 characters · 1 text (GSM-7)');
    expect(segmentCounter('Thanks 🙂')).toBe('9 characters · 1 text (Unicode)');
  });
});

describe('publicReplyBlock', () => {
  const open = { status: 'open' as const };
  it('explains why only notes are possible', () => {
    expect(publicReplyBlock({ ...open, messageCenter: details }, 'me')).toMatch(/^Claim the conversation/);
    expect(publicReplyBlock({ ...open, messageCenter: { ...details, optedOut: true } }, 'me')).toMatch(
      /opted out/,
    );
    expect(
      publicReplyBlock({ ...open, messageCenter: { ...details, agent: { id: 'x', name: 'Robin' } } }, 'me'),
    ).toMatch(/^Robin holds/);
    expect(publicReplyBlock({ status: 'closed', messageCenter: details }, 'me')).toMatch(/closed/);
  });
  it('allows the holder to text', () => {
    expect(
      publicReplyBlock({ ...open, messageCenter: { ...details, agent: { id: 'me', name: 'Me' } } }, 'me'),
    ).toBe(null);
  });
});
