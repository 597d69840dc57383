import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { type Firm, makeFirm, type StaffUser } from '../support/factories';
import { customerTexts, freshPhone, makeAgent, makeSetup, makeTeam, type Setup } from './helpers';

// An agent's dashboard is read team by team (each team's newest from its own index) plus what they
// see as a member outside their teams. Paging through it must give exactly what they may see, in
// the list's order, with nothing missed or repeated, whatever the page size.

describe('Message Center dashboard: paging an agent of several teams', () => {
  let t: TestApp;
  let firm: Firm;
  let agent: StaffUser;
  let teams: string[];
  let setups: Setup[];
  const opened: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    agent = await makeAgent(t, firm, 'Pat Pager');
    const colleague = await makeAgent(t, firm, 'Oli Other');
    // The agent works teams 0 and 1; team 2 is the colleague's alone.
    teams = [
      await makeTeam(firm, [agent, colleague]),
      await makeTeam(firm, [agent]),
      await makeTeam(firm, [colleague]),
    ];
    setups = [];
    for (const team of teams) setups.push(await makeSetup(firm, team));
    for (let i = 0; i < 9; i++) {
      const setup = setups[i % 3] as Setup;
      const text = await customerTexts(agent.client, freshPhone('617'), setup.campaign.phone, `Text ${i}`);
      opened.push(text.conversationId as string);
    }
    // A team-2 conversation the agent holds as a member (as a transfer's receiving agent does).
    await t.database.query(
      `insert into conversation_members (firm_id, conversation_id, member_type, member_id, role)
       values ($1, $2, 'user', $3, 'member')`,
      [firm.id, opened[2], agent.id],
    );
    await agent.client.post(`/api/v1/conversations/${opened[0]}/close`);
  });
  afterAll(async () => t.close());

  /** What the agent may see in the filter, in the list's order, straight from the database. */
  async function expected(status: 'open' | 'closed'): Promise<string[]> {
    const rows = await t.database.query<{ id: string }>(
      `select c.id from conversations c
        where c.firm_id = $1 and c.kind = 'sms' and c.status = $2
          and (c.team_id = any($3::uuid[]) or exists (select 1 from conversation_members m
            where m.firm_id = c.firm_id and m.conversation_id = c.id and m.member_type = 'user' and m.member_id = $4))
        order by coalesce(c.last_message_at, c.created_at) desc, c.id desc`,
      [firm.id, status, `{${teams[0]},${teams[1]}}`, agent.id],
    );
    return rows.map((r) => r.id);
  }

  async function pageThrough(filter: string, limit: number): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } =
        await agent.client.get(
          `/api/v1/conversations?kind=sms&filter=${filter}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
        );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.items.length).toBeLessThanOrEqual(limit);
      seen.push(...r.body.items.map((i) => i.id));
      cursor = r.body.nextCursor;
    } while (cursor);
    return seen;
  }

  it('pages Open and Closed in order, with the member-only conversation and no other team’s', async () => {
    const open = await expected('open');
    // Teams 0 and 1 (two thirds of 9, one closed) and the team-2 conversation held as a member.
    expect(open).toHaveLength(6);
    expect(open).toContain(opened[2]);
    for (const limit of [1, 2, 4, 50]) {
      expect(await pageThrough('open', limit), `Open, pages of ${limit}`).toEqual(open);
      expect(await pageThrough('closed', limit), `Closed, pages of ${limit}`).toEqual(
        await expected('closed'),
      );
    }
    // Team 2's other conversations stay out of reach.
    const all = await pageThrough('open', 50);
    expect(all).not.toContain(opened[5]);
    expect(all).not.toContain(opened[8]);
  });
});
