import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeMessage } from '../../server/features/conversations/store-message';
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

  it('refuses the send (409 conversation-ended) and leaves no message behind', async () => {
    const read = await createConversation(t, {
      firmId: firm.id,
      kind: 'secure_chat',
      matterId,
      contactId: jane.id,
      createdBy: alex.id,
    });
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
    const rows = await t.database.query('select id from messages where conversation_id = $1', [read.id]);
    expect(rows).toEqual([]);
  });
});
