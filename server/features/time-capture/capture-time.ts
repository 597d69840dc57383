import { and, eq, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import { busEvent, type PublishedEvent } from '../../platform/bus/events';
import type { Tx } from '../../platform/db/client';
import { preparedOnce } from '../../platform/db/prepared-once';
import { billableEvents, contacts, matters } from '../../platform/db/schema';
import type { MessageStoredListener, StoredMessage } from '../conversations/plugins';
import { loadSettings } from '../settings/load-settings';
import { timeAudience } from './access';
import { capturesTimeFor } from './capture-switch';
import { describeEvent } from './description';
import {
  type BillableSource,
  type ChatSpan,
  captureFor,
  captureText,
  chatDurationSeconds,
  emailDurationSeconds,
  excerptSuffix,
  type TimeCaptureSettings,
} from './model';
import { presentBillableEvent } from './presenter';
import { type BillableEventRow, loadNames, type TimeNames } from './queries';

/**
 * Turns a stored message into billable time, in the transaction that stores it (so time exists
 * exactly when the message does): a staff user's public text in a secure chat, an SMS conversation
 * or a portal thread on a matter opens an event for (user, conversation) or extends the one still
 * collecting (model.captureText: the window rule); an e-mail to a client is an event of the firm's
 * default e-mail duration. Anything else (client texts, notes, status updates) changes nothing.
 * Returns billable_event.created / .updated for the timekeeper and billing managers.
 *
 * Two texts of one user in one conversation committing at the same moment extend one event: the
 * collecting event is read FOR UPDATE, and when there is none the insert races on the unique index
 * of collecting events; the loser retries and finds the winner's event to extend.
 */
export async function captureTimeForMessage(
  tx: Tx,
  _deps: Deps,
  input: StoredMessage,
): Promise<PublishedEvent[]> {
  const { conversation, message } = input;
  const capture = captureFor(conversation, message);
  if (!capture) return [];
  const firmId = conversation.firmId;
  const firmSettings = await loadSettings(tx, firmId);
  const settings = firmSettings.timeCapture;
  if (!capturesTimeFor(settings, capture.userId)) return [];
  const context = await describeContext(tx, settings, firmSettings.timeZone, input, capture);
  const at = message.createdAt;

  if (capture.type === 'email') {
    const summary = context.describe('email', { startedAt: at, endedAt: at, messageCount: 1 });
    // Not collecting, so the insert cannot meet the unique slot and always returns the row.
    const row = await insertEvent(tx, {
      firmId,
      userId: capture.userId,
      matterId: capture.matterId,
      conversationId: conversation.id,
      source: 'email',
      startedAt: at,
      endedAt: at,
      messageCount: 1,
      durationSeconds: emailDurationSeconds(settings),
      summary,
      description: context.withExcerpt(summary),
      collecting: false,
    });
    return [await eventFor(tx, 'billable_event.created', row as BillableEventRow, context.names)];
  }

  // Two rounds suffice: a lost insert race means the winner's event now exists and is extended.
  for (let round = 0; round < 2; round += 1) {
    const [current] = await collectingEvent(tx).execute({
      firmId,
      conversationId: conversation.id,
      userId: capture.userId,
    });
    const decision = captureText(
      current ? spanOf(current) : null,
      { at, matterId: capture.matterId },
      settings.chatWindowMinutes,
    );
    const summary = context.describe(capture.source, decision.span);

    if (decision.action === 'extend' && current) {
      const [row] = await extendEvent(tx).execute({
        firmId,
        id: current.id,
        startedAt: decision.span.startedAt.toISOString(),
        endedAt: decision.span.endedAt.toISOString(),
        messageCount: decision.span.messageCount,
        durationSeconds: chatDurationSeconds(decision.span, settings.minimumSecondsPerText),
        summary,
        // The excerpt, if any, quotes the event's first text: keep whatever follows the old summary.
        description: summary + current.description.slice(current.summary.length),
        updatedAt: at.toISOString(),
      });
      return [await eventFor(tx, 'billable_event.updated', row as BillableEventRow, context.names)];
    }

    if (current)
      await tx
        .update(billableEvents)
        .set({ collecting: false })
        .where(and(eq(billableEvents.firmId, firmId), eq(billableEvents.id, current.id)));
    const row = await insertEvent(tx, {
      firmId,
      userId: capture.userId,
      matterId: capture.matterId,
      conversationId: conversation.id,
      source: capture.source,
      startedAt: decision.span.startedAt,
      endedAt: decision.span.endedAt,
      messageCount: decision.span.messageCount,
      durationSeconds: chatDurationSeconds(decision.span, settings.minimumSecondsPerText),
      summary,
      description: context.withExcerpt(summary),
      collecting: true,
    });
    if (row) return [await eventFor(tx, 'billable_event.created', row, context.names)];
  }
  throw new Error('billable event capture did not settle');
}

// Read by every billable text: built once (issue 11).
const collectingEvent = preparedOnce((ex) =>
  ex
    .select()
    .from(billableEvents)
    .where(
      and(
        eq(billableEvents.firmId, sql.placeholder('firmId')),
        eq(billableEvents.conversationId, sql.placeholder('conversationId')),
        eq(billableEvents.userId, sql.placeholder('userId')),
        eq(billableEvents.collecting, true),
      ),
    )
    .for('update')
    .prepare('parley_collecting_event'),
);

const extendEvent = preparedOnce((ex) => {
  // An update's values are not mapped by their columns: times go as ISO strings, cast here.
  const value = (name: string) => sql.placeholder(name);
  const time = (name: string) => sql`${value(name)}::timestamptz`;
  return ex
    .update(billableEvents)
    .set({
      startedAt: time('startedAt'),
      endedAt: time('endedAt'),
      messageCount: sql`${value('messageCount')}::int`,
      durationSeconds: sql`${value('durationSeconds')}::int`,
      summary: sql`${value('summary')}`,
      description: sql`${value('description')}`,
      updatedAt: time('updatedAt'),
    })
    .where(and(eq(billableEvents.firmId, value('firmId')), eq(billableEvents.id, value('id'))))
    .returning()
    .prepare('parley_extend_event');
});

function spanOf(row: BillableEventRow): ChatSpan {
  return {
    matterId: row.matterId,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    messageCount: row.messageCount,
  };
}

type NewEvent = Omit<typeof billableEvents.$inferInsert, 'id' | 'status' | 'edited'>;

/** Inserts an event; undefined when a concurrent transaction holds the collecting slot. */
async function insertEvent(tx: Tx, values: NewEvent): Promise<BillableEventRow | undefined> {
  const now = values.endedAt;
  const [row] = await tx
    .insert(billableEvents)
    .values({ ...values, id: uuidv7(), createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** The bus event announcing a billable event to its timekeeper and the billing managers. */
export async function eventFor(
  tx: Tx,
  type: 'billable_event.created' | 'billable_event.updated',
  row: BillableEventRow,
  known?: TimeNames,
): Promise<PublishedEvent> {
  const names = known ?? (await loadNames(tx, row.firmId, [row]));
  return busEvent(type, row.firmId, timeAudience(row.userId), presentBillableEvent(row, names));
}

const matterAndContact = preparedOnce((ex) =>
  ex
    .select({ number: matters.number, name: matters.name, contactName: contacts.name })
    .from(matters)
    .leftJoin(
      contacts,
      and(eq(contacts.firmId, matters.firmId), eq(contacts.id, sql.placeholder('contactId'))),
    )
    .where(and(eq(matters.firmId, sql.placeholder('firmId')), eq(matters.id, sql.placeholder('matterId'))))
    .prepare('parley_matter_and_contact'),
);

/**
 * Names the description mentions (the matter and contact in one read; the author's name came with
 * the message), the names the event is presented with, and the excerpt when the firm lets
 * descriptions quote texts.
 */
async function describeContext(
  tx: Tx,
  settings: TimeCaptureSettings,
  timeZone: string,
  input: StoredMessage,
  capture: { userId: string; matterId: string },
) {
  const { conversation } = input;
  const firmId = conversation.firmId;
  // A conversation without a contact joins none (contact id = null is never true).
  const [found] = await matterAndContact(tx).execute({
    firmId,
    matterId: capture.matterId,
    contactId: conversation.contactId,
  });
  const matterName = found?.name ?? 'a matter';
  const contactName = found?.contactName ?? null;
  const names: TimeNames | undefined =
    found && input.authorName !== null
      ? {
          matters: new Map([
            [capture.matterId, { id: capture.matterId, number: found.number, name: found.name }],
          ]),
          users: new Map([[capture.userId, { id: capture.userId, name: input.authorName }]]),
          threads: new Map([
            [
              conversation.id,
              {
                id: conversation.id,
                kind: conversation.kind,
                status: conversation.status,
                matterId: conversation.matterId,
                contactId: conversation.contactId,
              },
            ],
          ]),
        }
      : undefined;
  const suffix = settings.includeContentInDescription ? excerptSuffix(input.body) : '';
  return {
    names,
    describe: (source: BillableSource, span: Omit<ChatSpan, 'matterId'>) =>
      describeEvent({
        source,
        matterName,
        contactName,
        ...span,
        timeZone,
      }),
    withExcerpt: (summary: string) => summary + suffix,
  };
}

/** Billable time from a staff member's message, as a messageStored listener. */
export const timeCapture: MessageStoredListener = {
  actsOn: (draft) => captureFor(draft.conversation, draft.message) !== null,
  run: captureTimeForMessage,
};
