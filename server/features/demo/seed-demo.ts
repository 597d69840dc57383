import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import type { Tx } from '../../platform/db/client';
import {
  contactEmails,
  contactPhones,
  contacts,
  firmNumbers,
  matterAssignees,
  matterContacts,
  matters,
  teamMembers,
  teams,
  timekeeperRates,
  users,
} from '../../platform/db/schema';
import { claimPortalLogin, hashPassword } from '../auth';
import { createFirm } from '../users/create-firm';
import { insertUser } from '../users/create-user';
import { seedMessageCenterSetup } from './seed-message-center';
import { seedSecureChatExtras } from './seed-secure-chat-extras';
import { seedTimeExtras } from './seed-time-extras';

export const DEMO_FIRM_NAME = 'Demo Law LLP';
export const demoLogins = {
  admin: 'admin@demo.parley.test',
  attorney1: 'attorney1@demo.parley.test',
  attorney2: 'attorney2@demo.parley.test',
  agent1: 'agent1@demo.parley.test',
  agent2: 'agent2@demo.parley.test',
  /** The demo contact with an active portal. */
  portalClient: 'jane.roe@example.com',
} as const;

/** The demo firm's secure-chat number pool (the simulator accepts any number). */
export const demoSecureChatNumbers = ['+12025550900', '+12025550901'] as const;

/** Not an argon2 hash, so no password verifies against it (verifyPassword answers false). */
const NO_PASSWORD_YET = '!';

/** Gives the demo's staff and its portal contact their real password hash, replacing NO_PASSWORD_YET. */
async function setDemoPasswordHash(tx: Tx, firmId: string, passwordHash: string) {
  await tx.update(users).set({ passwordHash }).where(eq(users.firmId, firmId));
  await tx
    .update(contacts)
    .set({ portalPasswordHash: passwordHash })
    .where(and(eq(contacts.firmId, firmId), eq(contacts.portalPasswordHash, NO_PASSWORD_YET)));
}

/** What the seed created, for printing the logins and for tests. */
export interface DemoFirm {
  firmId: string;
  password: string;
  passwordWasGenerated: boolean;
  userIds: Record<'admin' | 'attorney1' | 'attorney2' | 'agent1' | 'agent2', string>;
  contactIds: string[];
  matterIds: string[];
}

/** Seeds "Demo Law LLP" with staff, teams, contacts and matters (see API.md "Demo data"). */
export async function seedDemo(deps: Pick<Deps, 'db' | 'keyring'>, password?: string): Promise<DemoFirm> {
  const passwordWasGenerated = !password;
  const pw = password ?? randomBytes(12).toString('base64url');
  // Every demo login shares the one password printed with them, so one salt for all gives nothing away,
  // and hashing it once instead of six times spares a new data folder 1.5 s of argon2. That one hash runs
  // on the thread pool while the firm's rows are written: they hold a value no password matches until
  // the hash is set on all of them at the end of the seed's transaction.
  const hashing = hashPassword(pw);
  const passwordHash = NO_PASSWORD_YET;
  const { firmId, adminId } = await createFirm(deps, {
    name: DEMO_FIRM_NAME,
    admin: { email: demoLogins.admin, name: 'Avery Admin', passwordHash },
  });
  const system = { actorType: 'system' as const };
  return deps.db.transaction(async (tx) => {
    const attorney1 = await insertUser(
      tx,
      firmId,
      {
        email: demoLogins.attorney1,
        name: 'Alex Attorney',
        role: 'attorney',
        passwordHash,
        phone: '+12025550101',
      },
      system,
    );
    const attorney2 = await insertUser(
      tx,
      firmId,
      {
        email: demoLogins.attorney2,
        name: 'Blair Barrister',
        role: 'attorney',
        passwordHash,
        phone: '+12025550102',
      },
      system,
    );
    const agent1 = await insertUser(
      tx,
      firmId,
      { email: demoLogins.agent1, name: 'Casey Agent', role: 'agent', passwordHash },
      system,
    );
    const agent2 = await insertUser(
      tx,
      firmId,
      { email: demoLogins.agent2, name: 'Dana Agent', role: 'agent', passwordHash },
      system,
    );

    const sales = uuidv7();
    const service = uuidv7();
    const litigation = uuidv7();
    await tx.insert(teams).values([
      { firmId, id: sales, name: 'Sales', kind: 'team' },
      { firmId, id: service, name: 'Service', kind: 'team' },
      { firmId, id: litigation, name: 'Litigation', kind: 'circle' },
    ]);
    await tx.insert(teamMembers).values([
      { firmId, teamId: sales, userId: agent1.id },
      { firmId, teamId: service, userId: agent2.id },
      { firmId, teamId: litigation, userId: attorney1.id },
      { firmId, teamId: litigation, userId: attorney2.id },
    ]);

    const people = [
      { name: 'Jane Roe', phone: '+12025550143', email: demoLogins.portalClient, portal: true },
      { name: 'John Smith', phone: '+12025550178', email: 'john.smith@example.com', portal: false },
      { name: 'Maria Garcia', phone: '+13105550199', email: 'maria.garcia@example.com', portal: false },
    ];
    // One multi-row insert per table (in the order the rows were listed), not one statement per row.
    const contactIds = people.map(() => uuidv7());
    const idOf = (i: number) => contactIds[i] as string;
    await tx.insert(contacts).values(
      people.map((p, i) => ({
        firmId,
        id: idOf(i),
        name: p.name,
        coordinatorId: attorney1.id,
        portalStatus: p.portal ? 'active' : 'none',
        portalPasswordHash: p.portal ? passwordHash : null,
      })),
    );
    await tx.insert(contactPhones).values([
      ...people.map((p, i) => ({
        firmId,
        contactId: idOf(i),
        position: 0,
        e164: p.phone,
        label: 'mobile',
      })),
      // A second number for Jane, so picking one of a contact's phones is meaningful.
      { firmId, contactId: idOf(0), position: 1, e164: '+12025550144', label: 'work' },
    ]);
    await tx.insert(contactEmails).values(
      people.map((p, i) => ({
        firmId,
        contactId: idOf(i),
        position: 0,
        email: p.email,
        label: 'personal',
      })),
    );
    for (const [i, p] of people.entries()) {
      if (p.portal) await claimPortalLogin(tx, { firmId, contactId: idOf(i), email: p.email });
    }

    const matterSpecs = [
      {
        number: '2026-0001',
        name: 'Roe v. Acme Corp.',
        owner: attorney1.id,
        assignees: [attorney1.id, attorney2.id],
        contact: 0,
      },
      {
        number: '2026-0002',
        name: 'Estate of Smith',
        owner: attorney2.id,
        assignees: [attorney2.id],
        contact: 1,
      },
    ];
    const matterIds = matterSpecs.map(() => uuidv7());
    const specs = matterSpecs.map((m, i) => ({ ...m, id: matterIds[i] as string }));
    await tx
      .insert(matters)
      .values(specs.map((m) => ({ firmId, id: m.id, number: m.number, name: m.name, ownerId: m.owner })));
    await tx
      .insert(matterAssignees)
      .values(specs.flatMap((m) => m.assignees.map((userId) => ({ firmId, matterId: m.id, userId }))));
    await tx
      .insert(matterContacts)
      .values(specs.map((m) => ({ firmId, matterId: m.id, contactId: idOf(m.contact) })));
    // Billing rates, so converted time entries carry amounts (LEDES classifications: PT partner, AS associate).
    await tx.insert(timekeeperRates).values([
      { firmId, userId: attorney1.id, rateCents: 30_000, classification: 'PT' },
      { firmId, userId: attorney2.id, rateCents: 25_000, classification: 'AS' },
    ]);
    await seedTimeExtras(
      tx,
      { firmId, attorney1: attorney1.id, attorney2: attorney2.id, contactIds, matterIds },
      new Date(),
    );
    await tx.insert(firmNumbers).values(
      demoSecureChatNumbers.map((e164, i) => ({
        e164,
        firmId,
        purpose: 'secure_chat',
        label: `Secure chat ${i + 1}`,
      })),
    );
    await seedMessageCenterSetup(tx, { firmId, salesTeamId: sales, serviceTeamId: service });
    await seedSecureChatExtras(tx, deps, {
      firmId,
      attorney1: { id: attorney1.id, name: 'Alex Attorney' },
      attorney2: { id: attorney2.id, name: 'Blair Barrister' },
      jane: { id: contactIds[0] as string, name: 'Jane Roe', mobile: '+12025550143', work: '+12025550144' },
      roeMatterId: matterIds[0] as string,
      pool: demoSecureChatNumbers,
    });
    await setDemoPasswordHash(tx, firmId, await hashing);
    return {
      firmId,
      password: pw,
      passwordWasGenerated,
      userIds: {
        admin: adminId,
        attorney1: attorney1.id,
        attorney2: attorney2.id,
        agent1: agent1.id,
        agent2: agent2.id,
      },
      contactIds,
      matterIds,
    };
  });
}
