import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import {
  type Conversation,
  makeContact,
  makeConversation,
  makeFirm,
  makeMatter,
  makeUser,
  type StaffUser,
} from '../support/factories';
import { send } from './helpers';

// The message send is the path Parley runs most (issue 11: S1 and S6). Its statements are counted
// here so that one more query per message cannot slip in unnoticed; lower the ceilings whenever the
// path gets cheaper. Speed itself is measured by npm run bench, never here.
// A note: the session, the conversation with the sender's standing and its members, and the insert
// that also moves the conversation and the sender's read position; no listener acts on it, so no
// transaction is opened around its one write. A text adds the pair's consent,
// the firm (name and settings, read once per transaction), the previous sender (the name prefix),
// the texted members, the delivery, the outbox job, and the billable time (matter and contact
// names, the collecting event, its insert or update). Issue 11 took them from 11 and 27.
const CEILING = { note: 3, text: 12 };
// PGlite runs a transaction natively; on PostgreSQL, Drizzle sends BEGIN and COMMIT as statements.
const TRANSACTION = { pglite: 0, postgres: 2 };

describe('statements per message send', () => {
  let t: TestApp;
  let alex: StaffUser;
  let thread: Conversation;

  beforeAll(async () => {
    t = await startTestApp();
    // Nothing else may talk to the database while a send is counted: the relay would poll and send.
    await t.deps.outbox.stop();
    const firm = await makeFirm(t);
    alex = await makeUser(t, firm, { role: 'attorney' });
    const jane = await makeContact(alex);
    thread = await makeConversation(alex, await makeMatter(alex, { contacts: [jane] }), jane);
    // The first send warms what a running server holds anyway (the conversation key, the session).
    await send(alex.client, thread.id, 'Warming up.', { visibility: 'note' });
  });
  afterAll(() => t.close());

  /** Statements the database received while one message was sent, the smallest of three sends. */
  async function statementsOfSend(extra: object): Promise<number> {
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = t.database.statementsSent();
      await send(alex.client, thread.id, `Message ${i} of the count.`, extra);
      counts.push(t.database.statementsSent() - before);
    }
    return Math.min(...counts);
  }

  it(`a staff note nobody else is notified of takes at most ${CEILING.note} statements, with no BEGIN and COMMIT`, async () => {
    const statements = await statementsOfSend({ visibility: 'note' });
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThanOrEqual(CEILING.note);
  });

  it(`a text to the client (an SMS job in the same transaction) takes at most ${CEILING.text} besides BEGIN and COMMIT`, async () => {
    const statements = await statementsOfSend({});
    expect(statements).toBeGreaterThan(0);
    expect(statements).toBeLessThanOrEqual(CEILING.text + TRANSACTION[t.database.engine]);
  });

  it('/metrics exports the running count', async () => {
    const sent = t.database.statementsSent();
    const metrics = await t.client().get('/metrics');
    const exported = Number(/^parley_db_statements_total (\d+)/m.exec(String(metrics.body))?.[1]);
    expect(exported).toBeGreaterThanOrEqual(sent);
  });
});
