import type { TestApp } from './app';

// The seeded demo firm, for the tests written against it before the factories (factories.ts) existed.
// New tests make their own firm, people and matters; this is the one lookup of the demo ids left.

/** Ids of the demo firm's people and matters, read straight from the seeded database. */
export interface DemoIds {
  firmId: string;
  users: Record<'admin' | 'attorney1' | 'attorney2' | 'agent1' | 'agent2', string>;
  /** Roe v. Acme Corp. (owner attorney1; assignees attorney1, attorney2; contact Jane Roe). */
  roeMatter: string;
  /** Estate of Smith (owner attorney2; contact John Smith). */
  smithMatter: string;
  jane: string;
  john: string;
  /** Maria Garcia: linked to no matter. */
  maria: string;
}

export async function demoIds(t: TestApp): Promise<DemoIds> {
  const users = await t.database.query<{ id: string; email: string; firm_id: string }>(
    'select id, email, firm_id from users',
  );
  const byEmail = (local: string) => {
    const u = users.find((r) => r.email === `${local}@demo.parley.test`);
    if (!u) throw new Error(`no demo user ${local}`);
    return u;
  };
  const matters = await t.database.query<{ id: string; number: string }>('select id, number from matters');
  const contacts = await t.database.query<{ id: string; name: string }>('select id, name from contacts');
  const matter = (n: string) => matters.find((m) => m.number === n)?.id as string;
  const contact = (n: string) => contacts.find((c) => c.name === n)?.id as string;
  return {
    firmId: byEmail('admin').firm_id,
    users: {
      admin: byEmail('admin').id,
      attorney1: byEmail('attorney1').id,
      attorney2: byEmail('attorney2').id,
      agent1: byEmail('agent1').id,
      agent2: byEmail('agent2').id,
    },
    roeMatter: matter('2026-0001'),
    smithMatter: matter('2026-0002'),
    jane: contact('Jane Roe'),
    john: contact('John Smith'),
    maria: contact('Maria Garcia'),
  };
}
