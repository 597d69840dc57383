import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import { auditActor, recordAudit } from '../../platform/audit/audit-log';
import { inTransaction } from '../../platform/bus/in-transaction';
import { billableEvents } from '../../platform/db/schema';
import type { StaffActor } from '../../platform/http/actor';
import { invalidField } from '../../platform/http/problem';
import { loadSettings } from '../settings/load-settings';
import { eventFor } from './capture-time';
import { describeEvent } from './description';
import { loggedContactName } from './logged-contact';
import { callDurationSeconds, emailDurationSeconds } from './model';
import { presentBillableEvent } from './presenter';
import { type BillableEventRow, loadNames, matterForTime } from './queries';
import type { LogBillableEventBody } from './schemas';

const DAY_MS = 86_400_000;

/**
 * A timekeeper logs a call (start and end from a timer, or start and an entered duration) or an e-mail
 * to a client (the firm's default e-mail duration) on a matter they can see, optionally naming the
 * client (a contact linked to the matter); it becomes their open billable event, described like
 * captured ones.
 */
export async function logBillableEvent(
  deps: Pick<Deps, 'db' | 'bus' | 'outbox' | 'log' | 'clock'>,
  input: { actor: StaffActor; ip?: string; body: LogBillableEventBody },
) {
  const { actor, body } = input;
  const firmId = actor.firmId;
  let startedAt: Date;
  let endedAt: Date;
  if (body.source === 'call') {
    startedAt = new Date(body.startedAt);
    if ((body.endedAt === undefined) === (body.durationSeconds === undefined))
      throw invalidField('body.endedAt', 'give either endedAt or durationSeconds');
    endedAt = body.endedAt
      ? new Date(body.endedAt)
      : new Date(startedAt.getTime() + (body.durationSeconds as number) * 1000);
    if (endedAt <= startedAt) throw invalidField('body.endedAt', 'must be after startedAt');
    if (endedAt.getTime() - startedAt.getTime() > DAY_MS)
      throw invalidField('body.endedAt', 'must be at most 24 hours after startedAt');
  } else {
    startedAt = new Date(body.sentAt);
    endedAt = startedAt;
  }
  return inTransaction(deps, async (tx, events) => {
    const matter = await matterForTime(tx, actor, body.matterId, 'body.matterId');
    const firmSettings = await loadSettings(tx, firmId);
    const settings = firmSettings.timeCapture;
    const contactName = body.contactId
      ? await loggedContactName(tx, firmId, matter.id, body.contactId, 'body.contactId')
      : null;
    const summary = describeEvent({
      source: body.source,
      matterName: matter.name,
      contactName,
      startedAt,
      endedAt,
      timeZone: firmSettings.timeZone,
    });
    const now = deps.clock();
    const [row] = await tx
      .insert(billableEvents)
      .values({
        firmId,
        id: uuidv7(),
        userId: actor.userId,
        matterId: matter.id,
        source: body.source,
        startedAt,
        endedAt,
        messageCount: 0,
        durationSeconds:
          body.source === 'call' ? callDurationSeconds(startedAt, endedAt) : emailDurationSeconds(settings),
        summary,
        description: body.description ?? summary,
        edited: body.description !== undefined,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const event = row as BillableEventRow;
    await recordAudit(
      tx,
      {
        ...auditActor(actor, input.ip),
        action: 'billable_event.logged',
        targetType: 'billable_event',
        targetId: event.id,
        details: {
          source: event.source,
          matterId: event.matterId,
          contactId: body.contactId ?? null,
          durationSeconds: event.durationSeconds,
        },
      },
      now,
    );
    events.push(await eventFor(tx, 'billable_event.created', event));
    return presentBillableEvent(event, await loadNames(tx, firmId, [event]));
  });
}
