import type { ConversationOut } from '../../../contracts/conversations';
import type { AlertKind, DashboardFilter } from '../../../contracts/message-center';
import { measureSms } from '../../../contracts/sms-segments';

// Pure logic of the Message Center screen: which alert a row shows now, when to look again, the open
// tabs, the filter bar's labels and the composer's segment counter. No React, no I/O.

/** The filters in the order the bar shows them, with the words agents use. */
export const FILTERS: { value: DashboardFilter; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'waiting', label: 'Waiting' },
  { value: 'unassigned', label: 'Unassigned' },
  { value: 'mine', label: 'Just Mine' },
  { value: 'closed', label: 'Closed' },
];

/** A count as the bar shows it: "" while unknown, up to 999 as is, then "999+". */
export function formatCount(n: number | undefined): string {
  if (n === undefined) return '';
  return n > 999 ? '999+' : String(n);
}

/** The words read after a filter's count, so a screen reader hears "Open 12 conversations". */
export function countWords(n: number | undefined): string {
  if (n === undefined) return '';
  return ` conversation${n === 1 ? '' : 's'}`;
}

/** What the alert timer needs of a conversation. */
export type Alertable = Pick<ConversationOut, 'status' | 'alert' | 'alertAt' | 'messageCenter'>;

/**
 * The alert a row shows at `now`. The server sends the alert and the time it next changes (`alertAt`) and
 * pushes an update when that time passes; until the push arrives (or when it is lost) the client moves
 * to the next state itself: unclaimed → unclaimed_overdue, and a claimed conversation whose customer is
 * waiting → waiting_overdue.
 */
export function currentAlert(c: Alertable, now: number): AlertKind | null {
  if (c.status !== 'open') return null;
  if (!c.alertAt || Date.parse(c.alertAt) > now) return c.alert;
  if (c.alert === 'unclaimed') return 'unclaimed_overdue';
  if (c.alert === null && c.messageCenter?.agent && c.messageCenter.waitingSince) return 'waiting_overdue';
  return c.alert;
}

/** The earliest `alertAt` still ahead of `now` (ms), so one timer re-renders the list then; null: none. */
export function nextAlertChange(items: readonly Alertable[], now: number): number | null {
  let next: number | null = null;
  for (const c of items) {
    if (c.status !== 'open' || !c.alertAt) continue;
    const at = Date.parse(c.alertAt);
    if (Number.isNaN(at) || at <= now) continue;
    if (next === null || at < next) next = at;
  }
  return next;
}

/** How an alert looks: which icon, whether it flashes, and the words read instead of the icon. */
export interface AlertLook {
  icon: 'exclamation' | 'alarm';
  flashing: boolean;
  label: string;
}

export function alertLook(alert: AlertKind | null): AlertLook | null {
  switch (alert) {
    case 'unclaimed':
      return { icon: 'exclamation', flashing: false, label: 'Not claimed yet' };
    case 'unclaimed_overdue':
      return { icon: 'exclamation', flashing: true, label: 'Not claimed, overdue' };
    case 'waiting_overdue':
      return { icon: 'alarm', flashing: false, label: 'Customer waiting too long' };
    default:
      return null;
  }
}

/** One conversation open as a tab of the right pane, named by the customer's number. */
export interface TabRef {
  id: string;
  title: string;
}

/** The open tabs and the one shown. */
export interface TabsState {
  tabs: TabRef[];
  active: string | null;
}

/** More tabs than this and the oldest one not shown is closed, so the bar stays usable. */
export const MAX_TABS = 8;

export const noTabs: TabsState = { tabs: [], active: null };

/** Opens (or shows again) a conversation's tab and makes it the active one. */
export function openTab(state: TabsState, tab: TabRef): TabsState {
  const exists = state.tabs.some((t) => t.id === tab.id);
  let tabs = exists ? state.tabs.map((t) => (t.id === tab.id ? tab : t)) : [...state.tabs, tab];
  while (tabs.length > MAX_TABS) {
    const drop = tabs.findIndex((t) => t.id !== tab.id);
    tabs = tabs.filter((_, i) => i !== drop);
  }
  return { tabs, active: tab.id };
}

/** Closes a tab; closing the active one shows its right neighbour, else its left one, else nothing. */
export function closeTab(state: TabsState, id: string): TabsState {
  const index = state.tabs.findIndex((t) => t.id === id);
  if (index < 0) return state;
  const tabs = state.tabs.filter((t) => t.id !== id);
  if (state.active !== id) return { tabs, active: state.active };
  const next = tabs[index] ?? tabs[index - 1] ?? null;
  return { tabs, active: next?.id ?? null };
}

/** Shows a tab already open; an unknown id changes nothing. */
export function activateTab(state: TabsState, id: string): TabsState {
  return state.tabs.some((t) => t.id === id) ? { ...state, active: id } : state;
}

/** The composer's counter: "42 characters · 1 text (GSM-7)", as the carrier counts them. */
export function segmentCounter(body: string): string {
  const m = measureSms(body);
  const encoding = m.encoding === 'GSM-7' ? 'GSM-7' : 'Unicode';
  return `${m.units} character${m.units === 1 ? '' : 's'} · ${m.segments} text${m.segments === 1 ? '' : 's'} (${encoding})`;
}

/** Whether a public reply is possible now, and if not, why (in the agent's words). */
export function publicReplyBlock(
  c: Pick<ConversationOut, 'status' | 'messageCenter'>,
  myId: string | undefined,
): string | null {
  const mc = c.messageCenter;
  if (c.status !== 'open') return 'This conversation is closed: texts cannot be sent from it.';
  if (mc?.optedOut)
    return 'The customer opted out of texts from this number: only internal notes are possible.';
  if (!mc?.agent)
    return 'Claim the conversation to text the customer; until then only internal notes are possible.';
  if (mc.agent.id !== myId)
    return `${mc.agent.name} holds this conversation: only internal notes are possible.`;
  return null;
}
