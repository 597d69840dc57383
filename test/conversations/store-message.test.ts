import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeMessage, storeMessageAlone } from '../../server/features/conversations/store-message';
import { inTransaction } from '../../server/platform/bus/in-transaction';
import { startTestApp, type TestApp } from '../support/app';
import {
  type Contact,
  type Firm,
  makeContact,
  makeFirm,
  makeMatter,
  makeUser,
  type StaffUser,
} from '../support/factories';
import { createConversation } from '../time-capture/helpers';

describe('storing a message in a conversation that ended after it was read', () => {
  let t: TestApp;
  let firm: Firm;
  let alex: StaffUser;
  let jane: Contact;
  let matterId: string;
  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    alex = await makeUser(t, firm, { role: 'attorney', name: 'Alex Attorney' });
    jane = await makeContact(alex, { name: 'Jane Roe' });
    matterId = (await makeMatter(alex, { contacts: [jane] })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A secure chat between Alex and Jane on the matter, as its sender reads it (open). */
  const openThread = () =>
    createConversation(t, {
      firmId: firm.id,
      kind: 'secure_chat',
      matterId,
      contactId: jane.id,
      createdBy: alex.id,
    });
  const messagesIn = (conversationId: string) =>
    t.database.query('select id from messages where conversation_id = $1', [conversationId]);

  it('refuses the send (409 conversation-ended) and leaves no message behind', async () => {
    const read = await openThread();
    // The conversation ends between the sender's read (still open) and the write.
    await t.database.query(`update conversations set status = 'closed' where id = $1`, [read.id]);
    const id = '01a23929-0000-7000-8000-00000000abcd';
    await expect(
      inTransaction(t.deps, (tx) =>
        storeMessage(tx, t.deps, {
          conversation: read,
          id,
          author: { type: 'user', id: alex.id },
          body: 'Sent as the thread closed',
          source: 'web',
          requireOpen: true,
          idIsNew: true,
        }),
      ),
    ).rejects.toMatchObject({ status: 409, slug: 'conversation-ended' });
    expect(await messagesIn(read.id)).toEqual([]);
  });

  it('refuses a note stored with no transaction (409) and leaves no message behind: nothing rolls it back', async () => {
    const read = await openThread();
    await t.database.query(`update conversations set status = 'closed' where id = $1`, [read.id]);
    await expect(
      storeMessageAlone(t.deps.db, t.deps, {
        conversation: read,
        id: '01a23929-0000-7000-8000-00000000abce',
        author: { type: 'user', id: alex.id },
        body: 'A note as the thread closed',
        visibility: 'note',
        source: 'web',
        members: [],
        requireOpen: true,
        idIsNew: true,
      }),
    ).rejects.toMatchObject({ status: 409, slug: 'conversation-ended' });
    expect(await messagesIn(read.id)).toEqual([]);
    const [conversation] = await t.database.query<{ last_message_at: Date | null }>(
      'select last_message_at from conversations where id = $1',
      [read.id],
    );
    expect(conversation?.last_message_at).toBeNull();
  });

  // Only PostgreSQL runs two connections at once: PGlite would queue the send behind the close.
  it.runIf(process.env.DATABASE_URL)(
    'a note written while a close is in flight waits for it, then is refused, and nothing is stored',
    async () => {
      const read = await openThread();
      let closed!: () => void;
      const closedInTx = new Promise<void>((resolve) => {
        closed = resolve;
      });
      let commit!: () => void;
      const committing = new Promise<void>((resolve) => {
        commit = resolve;
      });
      const closing = t.deps.db.transaction(async (tx) => {
        await tx.execute(sql`update conversations set status = 'closed' where id = ${read.id}`);
        closed();
        await committing;
      });
      await closedInTx;
      const note = storeMessageAlone(t.deps.db, t.deps, {
        conversation: read,
        author: { type: 'user', id: alex.id },
        body: 'A note racing the close',
        visibility: 'note',
        source: 'web',
        members: [],
        requireOpen: true,
      }).then(
        () => 'stored',
        (error: { slug?: string }) => error.slug,
      );
      // The note's statement waits on the conversation's row until the close commits.
      await expect
        .poll(async () => {
          const [row] = await t.database.query<{ n: number }>(
            `select count(*)::int as n from pg_stat_activity
              where datname = current_database() and wait_event_type = 'Lock'`,
          );
          return row?.n;
        })
        .toBe(1);
      commit();
      await closing;
      expect(await note).toBe('conversation-ended');
      expect(await messagesIn(read.id)).toEqual([]);
    },
  );

  it('will not store with no transaction a message a listener acts on (billable time, a text)', async () => {
    const read = await openThread();
    await expect(
      storeMessageAlone(t.deps.db, t.deps, {
        conversation: read,
        author: { type: 'user', id: alex.id },
        body: 'A public message is billable time',
        source: 'web',
        members: [],
        requireOpen: true,
      }),
    ).rejects.toThrow(/in a transaction/);
    expect(await messagesIn(read.id)).toEqual([]);
  });
});
