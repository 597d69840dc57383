import { v7 as uuidv7 } from 'uuid';
import { DEFAULT_TIME_ZONE, dayInZone } from '../../../contracts/time-zone';
import type { Tx } from '../../platform/db/client';
import { billableEvents, timeEntries } from '../../platform/db/schema';
import { DEFAULT_SETTINGS } from '../settings/model';
import { describeEvent } from '../time-capture/description';
import type { BillableSource } from '../time-capture/model';
import { callDurationSeconds } from '../time-capture/model';
import { price } from '../time-capture/pricing';
import { loadRates } from '../time-capture/rates';

const HOUR = 3_600_000;

/** Who and what the demo's logged time is about (seedDemo's people, in its order). */
export interface DemoTimeCast {
  firmId: string;
  attorney1: string;
  attorney2: string;
  /** Jane Roe, John Smith, … */
  contactIds: string[];
  /** Roe v. Acme Corp., Estate of Smith, … */
  matterIds: string[];
}

interface Logged {
  user: 'attorney1' | 'attorney2';
  source: Extract<BillableSource, 'call' | 'email'>;
  matter: 0 | 1;
  hoursAgo: number;
  minutes: number;
  state: 'open' | 'dismissed' | 'entry' | 'exported';
}

// Calls and e-mails of the last few days in every state: to review, dismissed, converted, and converted
// and already exported (locked). Matter and client names match seedDemo's.
const LOGGED: Logged[] = [
  { user: 'attorney1', source: 'call', matter: 0, hoursAgo: 3, minutes: 22, state: 'open' },
  { user: 'attorney1', source: 'email', matter: 0, hoursAgo: 5, minutes: 6, state: 'open' },
  { user: 'attorney2', source: 'call', matter: 1, hoursAgo: 26, minutes: 9, state: 'open' },
  { user: 'attorney2', source: 'email', matter: 1, hoursAgo: 28, minutes: 6, state: 'dismissed' },
  { user: 'attorney1', source: 'call', matter: 0, hoursAgo: 50, minutes: 14, state: 'entry' },
  { user: 'attorney2', source: 'email', matter: 1, hoursAgo: 51, minutes: 6, state: 'entry' },
  { user: 'attorney1', source: 'call', matter: 0, hoursAgo: 74, minutes: 31, state: 'exported' },
  { user: 'attorney2', source: 'call', matter: 1, hoursAgo: 98, minutes: 17, state: 'exported' },
];

const MATTER_NAMES = ['Roe v. Acme Corp.', 'Estate of Smith'] as const;
const CONTACT_NAMES = ['Jane Roe', 'John Smith'] as const;

/** Seeds the demo firm's logged calls (after its rates) and e-mails and the time entries some became (see LOGGED). */
export async function seedTimeExtras(tx: Tx, cast: DemoTimeCast, now: Date): Promise<void> {
  const { firmId } = cast;
  const increment = DEFAULT_SETTINGS.timeCapture.incrementMinutes;
  const rateOf = await loadRates(
    tx,
    firmId,
    [cast.attorney1, cast.attorney2],
    DEFAULT_SETTINGS.timeCapture.defaultRateCents,
  );
  // Every event, then every entry, each in one multi-row insert (in LOGGED's order).
  const events: (typeof billableEvents.$inferInsert)[] = [];
  const entries: (typeof timeEntries.$inferInsert)[] = [];
  for (const item of LOGGED) {
    const userId = cast[item.user];
    const matterId = cast.matterIds[item.matter] as string;
    const startedAt = new Date(now.getTime() - item.hoursAgo * HOUR);
    const endedAt =
      item.source === 'call' ? new Date(startedAt.getTime() + item.minutes * 60_000) : startedAt;
    const durationSeconds =
      item.source === 'call' ? callDurationSeconds(startedAt, endedAt) : item.minutes * 60;
    const description = describeEvent({
      source: item.source,
      matterName: MATTER_NAMES[item.matter],
      contactName: CONTACT_NAMES[item.matter],
      startedAt,
      endedAt,
      timeZone: DEFAULT_TIME_ZONE,
    });
    const eventId = uuidv7();
    const entryId = item.state === 'entry' || item.state === 'exported' ? uuidv7() : null;
    events.push({
      firmId,
      id: eventId,
      userId,
      matterId,
      source: item.source,
      status: entryId ? 'converted' : item.state === 'dismissed' ? 'dismissed' : 'open',
      startedAt,
      endedAt,
      durationSeconds,
      description,
      summary: description,
      createdBy: userId,
      timeEntryId: entryId,
      createdAt: endedAt,
      updatedAt: endedAt,
    });
    if (!entryId) continue;
    const priced = price(durationSeconds, increment, rateOf(userId));
    const convertedAt = new Date(endedAt.getTime() + HOUR);
    entries.push({
      firmId,
      id: entryId,
      userId,
      matterId,
      billableEventId: eventId,
      source: item.source,
      workDate: dayInZone(startedAt, DEFAULT_TIME_ZONE),
      billedMinutes: priced.billedMinutes,
      rateCents: priced.rateCents,
      amountCents: priced.amountCents,
      narrative: description,
      createdBy: userId,
      createdAt: convertedAt,
      exportedAt: item.state === 'exported' ? new Date(convertedAt.getTime() + HOUR) : null,
    });
  }
  await tx.insert(billableEvents).values(events);
  await tx.insert(timeEntries).values(entries);
}
