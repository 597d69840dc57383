import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import type { Tx } from '../../platform/db/client';
import { conversations, messages, notifications, secureChatLinks } from '../../platform/db/schema';
import { createConversationRecord } from '../conversations/create-conversation-record';
import { loadConversationKey, messageAad, sealText } from '../conversations/message-crypto';
import { numberChangeText } from '../secure-chat/change-contact-phone';
import { TEXT_AFTER_END, textAfterEndTitle } from '../secure-chat/text-after-end';

/** Who and what the extras hang on: the base demo's people, Jane Roe and her matter. */
export interface SecureChatExtrasInput {
  firmId: string;
  attorney1: { id: string; name: string };
  attorney2: { id: string; name: string };
  jane: { id: string; name: string; mobile: string; work: string };
  roeMatterId: string;
  /** The firm's secure-chat numbers. */
  pool: readonly string[];
}

type Entry = { by: 'staff' | 'client' | 'system'; body: string; minutesAgo: number };

const MINUTE = 60_000;

/** Stores a thread's history with the times it happened, encrypted like any message, in one insert. */
async function writeHistory(
  tx: Tx,
  deps: Pick<Deps, 'keyring'>,
  thread: { firmId: string; id: string; staffId: string; contactId: string },
  entries: Entry[],
  now: Date,
): Promise<{ lastId: string; lastAt: Date }> {
  const key = await loadConversationKey(tx, deps.keyring, thread.firmId, thread.id);
  const rows = entries.map((entry) => {
    const id = uuidv7();
    return {
      firmId: thread.firmId,
      id,
      conversationId: thread.id,
      authorType: entry.by === 'staff' ? 'user' : entry.by === 'client' ? 'contact' : 'system',
      authorId: entry.by === 'staff' ? thread.staffId : entry.by === 'client' ? thread.contactId : null,
      bodySealed: sealText(key, entry.body, messageAad(thread.id, id)),
      kind: entry.by === 'system' ? 'system' : 'message',
      source: entry.by === 'client' ? 'sms' : 'web',
      createdAt: new Date(now.getTime() - entry.minutesAgo * MINUTE),
    } satisfies typeof messages.$inferInsert;
  });
  const last = rows.at(-1);
  if (!last) return { lastId: '', lastAt: now };
  await tx.insert(messages).values(rows);
  return { lastId: last.id, lastAt: last.createdAt };
}

/**
 * Demo data of issue 10's secure-chat parts: an ended thread on Roe v. Acme Corp. that Jane texted
 * after its end (kept on the archive, with Alex's notification), and an open thread of Blair's
 * whose client number was changed from Jane's mobile to her work phone, shown in the thread.
 */
export async function seedSecureChatExtras(
  tx: Tx,
  deps: Pick<Deps, 'keyring'>,
  input: SecureChatExtrasInput,
): Promise<void> {
  const { firmId, jane } = input;
  const now = new Date();
  const clock = () => now;

  const endedId = uuidv7();
  await createConversationRecord(
    tx,
    { ...deps, clock: () => new Date(now.getTime() - 3 * 24 * 60 * MINUTE) },
    {
      firmId,
      id: endedId,
      kind: 'secure_chat',
      createdBy: input.attorney1.id,
      matterId: input.roeMatterId,
      contactId: jane.id,
      contactPhone: jane.work,
      firmPhone: input.pool[1] ?? input.pool[0] ?? null,
      members: [{ memberType: 'user', memberId: input.attorney1.id, role: 'creator' }],
    },
  );
  const endedThread = { firmId, id: endedId, staffId: input.attorney1.id, contactId: jane.id };
  const beforeEnd = await writeHistory(
    tx,
    deps,
    endedThread,
    [
      {
        by: 'staff',
        body: 'Hi Jane, the deposition is confirmed for Thursday at 9:30.',
        minutesAgo: 3 * 24 * 60 - 5,
      },
      { by: 'client', body: 'Thanks! Should I bring the medical records?', minutesAgo: 3 * 24 * 60 - 12 },
      { by: 'staff', body: 'Yes please, the originals. See you Thursday.', minutesAgo: 3 * 24 * 60 - 15 },
    ],
    now,
  );
  const endedAt = new Date(beforeEnd.lastAt.getTime() + 30 * MINUTE);
  const late = await writeHistory(
    tx,
    deps,
    endedThread,
    [
      {
        by: 'client',
        body: 'Hi Alex, I found two more receipts from the clinic. Do you need them?',
        minutesAgo: 95,
      },
    ],
    now,
  );
  await tx
    .update(conversations)
    .set({ status: 'ended', endedAt, lastMessageAt: late.lastAt, updatedAt: late.lastAt })
    .where(and(eq(conversations.firmId, firmId), eq(conversations.id, endedId)));
  await tx.insert(notifications).values({
    firmId,
    id: uuidv7(),
    userId: input.attorney1.id,
    kind: TEXT_AFTER_END,
    title: textAfterEndTitle(jane.name, jane.work),
    conversationId: endedId,
    messageId: late.lastId,
    matterId: input.roeMatterId,
    createdAt: late.lastAt,
  });

  const movedId = uuidv7();
  const firmPhone = input.pool[0] as string;
  await createConversationRecord(
    tx,
    { ...deps, clock },
    {
      firmId,
      id: movedId,
      kind: 'secure_chat',
      createdBy: input.attorney2.id,
      matterId: input.roeMatterId,
      contactId: jane.id,
      contactPhone: jane.work,
      firmPhone,
      members: [{ memberType: 'user', memberId: input.attorney2.id, role: 'creator' }],
    },
  );
  await tx.insert(secureChatLinks).values({
    firmId,
    firmPhone,
    clientPhone: jane.work,
    conversationId: movedId,
    userId: input.attorney2.id,
    createdAt: now,
  });
  const moved = await writeHistory(
    tx,
    deps,
    { firmId, id: movedId, staffId: input.attorney2.id, contactId: jane.id },
    [
      {
        by: 'staff',
        body: 'Hello Jane, Blair here. I will cover the settlement conference.',
        minutesAgo: 300,
      },
      { by: 'client', body: 'Please text my work phone from now on, my mobile is broken.', minutesAgo: 290 },
      { by: 'system', body: numberChangeText(input.attorney2.name, jane.mobile, jane.work), minutesAgo: 288 },
      { by: 'staff', body: 'Done. The conference is on the 14th at 2 pm.', minutesAgo: 285 },
      { by: 'client', body: 'Got it on the work phone, thank you!', minutesAgo: 40 },
    ],
    now,
  );
  await tx
    .update(conversations)
    .set({ lastMessageAt: moved.lastAt, waitingSince: moved.lastAt, updatedAt: moved.lastAt })
    .where(and(eq(conversations.firmId, firmId), eq(conversations.id, movedId)));
}
