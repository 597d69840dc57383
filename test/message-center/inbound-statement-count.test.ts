import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { makeFirm, type StaffUser } from '../support/factories';
import { customerTexts, freshPhone, makeAgent, makeSetup, makeTeam } from './helpers';

// A customer's text is what a contact center receives most; its statements are counted so that one more
// query per inbound text cannot slip in unnoticed. Lower the ceilings whenever the path gets cheaper.
// Either text: the firm number, the provider id's receipt (taken, then pointed at the message), the
// campaign, the customer's open conversation, the consent standing, the insert that also moves the
// conversation, and its members with the team's agents in one read. A first text also creates the
// conversation and its key in a savepoint (so a concurrent first text from the same number loses
// cleanly: four statements), tells the team, and schedules the unclaimed alert (the firm's settings, the
// outbox job). The new conversation's key is remembered, not read back.
const CEILING = { first: 16, later: 9 };
// On PostgreSQL, Drizzle sends BEGIN and COMMIT as statements too.
const TRANSACTION = { pglite: 0, postgres: 2 };

describe('statements per inbound customer text', () => {
  let t: TestApp;
  let agent: StaffUser;
  let campaignPhone: string;

  beforeAll(async () => {
    t = await startTestApp();
    const firm = await makeFirm(t);
    agent = await makeAgent(t, firm, 'Ann Agent');
    campaignPhone = (await makeSetup(firm, await makeTeam(firm, [agent]))).campaign.phone;
    // Warms what a running server holds anyway (the firm key), with a customer of its own.
    await customerTexts(agent.client, freshPhone('415'), campaignPhone, 'Warming up');
    // Nothing else may talk to the database while a text is counted: the relay would poll and send.
    await t.deps.outbox.stop();
  });
  afterAll(() => t.close());

  async function statementsOf(from: string, body: string) {
    const before = t.database.statementsSent();
    const outcome = await customerTexts(agent.client, from, campaignPhone, body);
    expect(outcome.result).toBe('stored');
    return t.database.statementsSent() - before;
  }

  it(`a new customer's first text, which opens a conversation, takes at most ${CEILING.first} statements besides BEGIN and COMMIT`, async () => {
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) counts.push(await statementsOf(freshPhone('415'), 'Hello, is anyone there?'));
    const first = Math.min(...counts);
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThanOrEqual(CEILING.first + TRANSACTION[t.database.engine]);
  });

  it(`a later text from the same customer takes at most ${CEILING.later}`, async () => {
    const customer = freshPhone('415');
    await statementsOf(customer, 'First');
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) counts.push(await statementsOf(customer, `Follow-up ${i}`));
    const later = Math.min(...counts);
    expect(later).toBeGreaterThan(0);
    expect(later).toBeLessThanOrEqual(CEILING.later + TRANSACTION[t.database.engine]);
  });
});
