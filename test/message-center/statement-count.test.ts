import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { makeFirm, type StaffUser } from '../support/factories';
import { customerTexts, dashboard, freshPhone, makeAgent, makeSetup, makeTeam } from './helpers';

// The dashboard list is what an agent's screen reads over and over. Its statements are counted so
// that a page cannot start costing one more query per feature unnoticed; a page of 50 costs what a
// page of 3 does. Speed itself is measured by npm run bench (the dashboard scenario), never here.
// The session; the page (with the caller's teams, each row's newest message for its preview with its
// author's name, and the caller's membership with its unread count); the campaign, location, group,
// team and agent names with the pair's consent, the customer's record and the firm's settings; and
// the audit entry of the previews read (one statement that moves the chain's head and writes the
// entry, on its own: no BEGIN and COMMIT). Issue 12 took it from 12; a page showing an agent's reply
// took one more (its author's name) until the names came with the page.
const CEILING = 4;

describe('statements per dashboard page', () => {
  let t: TestApp;
  let agent: StaffUser;
  let colleague: StaffUser;

  beforeAll(async () => {
    t = await startTestApp();
    const firm = await makeFirm(t);
    agent = await makeAgent(t, firm, 'Ann Agent');
    colleague = await makeAgent(t, firm, 'Cal Colleague');
    const setup = await makeSetup(firm, await makeTeam(firm, [agent, colleague]));
    for (let i = 0; i < 4; i++) {
      const text = await customerTexts(agent.client, freshPhone('415'), setup.campaign.phone, `Hello ${i}`);
      if (i % 2 === 0) await agent.client.post(`/api/v1/conversations/${text.conversationId}/claim`);
      // A preview of the agent's own reply names them.
      if (i === 0)
        await agent.client.post(`/api/v1/conversations/${text.conversationId}/messages`, { body: 'On it' });
    }
    // Nothing else may talk to the database while a page is counted: the relay would poll and send.
    await t.deps.outbox.stop();
    await dashboard(agent.client);
  });
  afterAll(() => t.close());

  it(`an agent's Open page takes at most ${CEILING} statements`, async () => {
    const counts: number[] = [];
    for (let i = 0; i < 3; i++) {
      const before = t.database.statementsSent();
      expect(await dashboard(agent.client)).toHaveLength(4);
      counts.push(t.database.statementsSent() - before);
    }
    expect(Math.min(...counts)).toBeLessThanOrEqual(CEILING);
  });

  it('two agents read their pages with one statement text, their ids its values: it is built and planned once', async () => {
    const texts = async (user: StaffUser) => {
      const seen: { sql: string; params: unknown[] }[] = [];
      const stop = t.database.observeStatements((sql, params) => seen.push({ sql, params }));
      try {
        await dashboard(user.client);
      } finally {
        stop();
      }
      // The page's own statement: the only one reading the caller's membership beside each row. Work
      // still running in the background (the simulator's delivery callbacks) reads conversations too.
      return seen.find(
        (s) => s.sql.includes('"my_membership"') && /^select .* from "conversations" where/s.test(s.sql),
      ) as (typeof seen)[number];
    };
    const mine = await texts(agent);
    const theirs = await texts(colleague);
    expect(mine.sql).toBe(theirs.sql);
    expect(mine.sql).not.toContain(agent.id);
    expect(mine.params).toContain(agent.id);
    expect(theirs.params).toContain(colleague.id);
  });
});
