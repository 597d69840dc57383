import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoClaim, demoClose, demoConsumer } from '../../server/features/demo/activity/message-center-steps';
import { auditLog, conversationMembers, outbox } from '../../server/platform/db/schema';
import type { StaffActor } from '../../server/platform/http/actor';
import {
  customerTexts,
  freshPhone,
  makeAgent,
  makeSetup,
  makeTeam,
  type Setup,
} from '../message-center/helpers';
import { startTestApp, type TestApp } from '../support/app';
import { type Firm, makeFirm, type StaffUser } from '../support/factories';

// The demo seed claims, closes and saves consumer details through steps that skip the use cases' answer
// (message-center-steps.ts). A conversation worked by those steps must end up exactly as one worked
// through the API: same view, same members, same audit trail, same outbox jobs.
describe('demo Message Center steps', () => {
  let t: TestApp;
  let firm: Firm;
  let agent: StaffUser;
  let sales: Setup;
  let actor: StaffActor;

  beforeAll(async () => {
    t = await startTestApp();
    firm = await makeFirm(t);
    agent = await makeAgent(t, firm, 'Cora Claimer');
    sales = await makeSetup(firm, await makeTeam(firm, [agent]));
    actor = {
      kind: 'user',
      firmId: firm.id,
      userId: agent.id,
      role: 'agent',
      permissions: ['message_center.use'],
      via: 'session',
    };
  });
  afterAll(async () => t.close());

  const details = {
    name: 'Rosa Delgado',
    address: '1 Federal St, Boston, MA 02110',
    email: 'rosa.delgado@example.com',
    potentialLead: true,
    existingCustomer: false,
    interestedIn: 'service',
    preferredTime: 'evening',
  } as const;

  /** A new conversation from a new customer; answers its id and the customer's number. */
  async function opened() {
    const phone = freshPhone('415');
    const text = await customerTexts(agent.client, phone, sales.campaign.phone, 'Hi, I need a lawyer');
    return { id: text.conversationId as string, phone };
  }

  /** What is written about a conversation, with its own id, number and times taken out. */
  async function written(c: { id: string; phone: string }) {
    const view = (await agent.client.get(`/api/v1/conversations/${c.id}`)).body;
    const members = await t.deps.db
      .select({
        type: conversationMembers.memberType,
        id: conversationMembers.memberId,
        role: conversationMembers.role,
      })
      .from(conversationMembers)
      .where(and(eq(conversationMembers.firmId, firm.id), eq(conversationMembers.conversationId, c.id)));
    const audit = await t.deps.db
      .select({ action: auditLog.action, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.firmId, firm.id), eq(auditLog.targetId, c.id)))
      .orderBy(asc(auditLog.seq));
    // Its jobs (the alerts a claim schedules among them), whether or not the relay has run them yet.
    const jobs = await t.deps.db
      .select({ topic: outbox.topic, payload: outbox.payload, key: outbox.idempotencyKey })
      .from(outbox)
      .where(eq(outbox.firmId, firm.id))
      .orderBy(asc(outbox.id));
    const text = JSON.stringify({
      view,
      members,
      audit,
      jobs: jobs.filter((j) => JSON.stringify(j).includes(c.id)),
    })
      .replaceAll(c.id, '<id>')
      .replaceAll(c.phone, '<phone>')
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
      .replace(/\d{13}/g, '<time>');
    return JSON.parse(text);
  }

  it('claim, consumer details and close leave what the use cases leave', async () => {
    const viaApi = await opened();
    const viaDemo = await opened();
    expect((await agent.client.post(`/api/v1/conversations/${viaApi.id}/claim`, {})).status).toBe(200);
    await demoClaim(t.deps, actor, viaDemo.id);
    expect(await written(viaDemo)).toEqual(await written(viaApi));

    expect((await agent.client.put(`/api/v1/conversations/${viaApi.id}/consumer`, details)).status).toBe(200);
    await demoConsumer(t.deps, actor, viaDemo.id, details);
    const afterDetails = await written(viaDemo);
    expect(afterDetails.view.consumer?.name).toBe('Rosa Delgado');
    expect(afterDetails).toEqual(await written(viaApi));

    expect((await agent.client.post(`/api/v1/conversations/${viaApi.id}/close`, {})).status).toBe(200);
    await demoClose(t.deps, actor, viaDemo.id);
    const closed = await written(viaDemo);
    expect(closed.view.status).toBe('closed');
    // Besides the consumer reads (the view the use cases answer with, and this test's own GETs, audit them).
    const actions = closed.audit.map((a: { action: string }) => a.action);
    expect(actions.filter((a: string) => a !== 'message_center.consumer_read')).toEqual([
      'message_center.claimed',
      'message_center.consumer_updated',
      'message_center.closed',
    ]);
    expect(closed).toEqual(await written(viaApi));
  });
});
