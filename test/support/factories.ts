import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { createFirm } from '../../server/features/users/create-firm';
import type { Permission, Role } from '../../server/platform/http/actor';
import type { TestApp } from './app';
import type { Answer, TestClient } from './client';

// Test data made through the API, as a firm would make it, so a test exercises the real rules and
// never leans on the seeded demo firm's ids. Every name, e-mail and phone carries a fresh suffix, so
// factories can be called any number of times on one database. Only what has no API is written
// below the HTTP layer: the firm itself (createFirm, as the CLI does) and its secure-chat number pool.

/** A staff user and a client signed in as them. */
export interface StaffUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  password: string;
  client: TestClient;
}

export interface Firm {
  id: string;
  name: string;
  /** The firm's first administrator, signed in. */
  admin: StaffUser;
  /** Its secure-chat pool (E.164). */
  secureChatNumbers: string[];
}

export interface Contact {
  id: string;
  name: string;
  /** E.164, in the order given. */
  phones: string[];
  emails: string[];
}

export interface Matter {
  id: string;
  number: string;
  name: string;
  ownerId: string;
  assigneeIds: string[];
  contactIds: string[];
}

export interface Conversation {
  id: string;
  firmPhone: string;
  contactPhone: string;
  /** Ids of the messages sent, in order. */
  messageIds: string[];
}

/** A short random suffix that makes names unique. */
export function unique(): string {
  return randomBytes(4).toString('hex');
}

// US numbers in the fictional 555 range: firm numbers in 646, client phones in 312 (the demo firm uses
// 202 and 310). A per-process counter from a random start keeps them apart within one database.
let phoneCounter = Math.floor(Math.random() * 5000);
function nextPhone(area: '646' | '312'): string {
  phoneCounter = (phoneCounter + 1) % 10_000;
  return `+1${area}555${String(phoneCounter).padStart(4, '0')}`;
}

function created(r: Answer, what: string) {
  expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(201);
  return r.body;
}

/** A new firm with its administrator signed in and a secure-chat pool of `numbers` numbers. */
export async function makeFirm(t: TestApp, options: { name?: string; numbers?: number } = {}): Promise<Firm> {
  const suffix = unique();
  const name = options.name ?? `Firm ${suffix} LLP`;
  const admin = {
    email: `admin-${suffix}@firm.parley.test`,
    name: `Admin ${suffix}`,
    password: `pw-${suffix}-long`,
  };
  const { firmId, adminId } = await createFirm(t.deps, { name, admin });
  const secureChatNumbers = Array.from({ length: options.numbers ?? 2 }, () => nextPhone('646'));
  for (const e164 of secureChatNumbers)
    await t.database.query(
      `insert into firm_numbers (e164, firm_id, purpose) values ($1, $2, 'secure_chat')`,
      [e164, firmId],
    );
  return {
    id: firmId,
    name,
    admin: { id: adminId, ...admin, role: 'admin', client: await t.signIn(admin.email, admin.password) },
    secureChatNumbers,
  };
}

/** A staff user of the firm, created by its admin, signed in. Permissions default to the role's. */
export async function makeUser(
  t: TestApp,
  firm: Firm,
  options: { role?: Role; permissions?: Permission[]; name?: string } = {},
): Promise<StaffUser> {
  const suffix = unique();
  const role = options.role ?? 'attorney';
  const input = {
    email: `${role}-${suffix}@firm.parley.test`,
    name: options.name ?? `${role} ${suffix}`,
    role,
    password: `pw-${suffix}-long`,
    ...(options.permissions ? { permissions: options.permissions } : {}),
  };
  const user = created(await firm.admin.client.post('/api/v1/users', input), 'user');
  return {
    id: user.id,
    email: input.email,
    name: input.name,
    role,
    password: input.password,
    client: await t.signIn(input.email, input.password),
  };
}

/** A contact with `phones` fresh phone numbers and `emails` fresh e-mail addresses, made by `by`. */
export async function makeContact(
  by: StaffUser,
  options: { name?: string; phones?: number; emails?: number; coordinatorId?: string } = {},
): Promise<Contact> {
  const suffix = unique();
  const phones = Array.from({ length: options.phones ?? 1 }, () => nextPhone('312'));
  const emails = Array.from({ length: options.emails ?? 1 }, (_, i) => `client-${suffix}-${i}@example.com`);
  const contact = created(
    await by.client.post('/api/v1/contacts', {
      name: options.name ?? `Client ${suffix}`,
      phones: phones.map((number) => ({ number })),
      emails: emails.map((address) => ({ address })),
      ...(options.coordinatorId ? { coordinatorId: options.coordinatorId } : {}),
    }),
    'contact',
  );
  return { id: contact.id, name: contact.name, phones, emails };
}

/** A matter owned by `owner`, assigned to the owner and `assignees`, linked to `contacts`; made by `by`. */
export async function makeMatter(
  by: StaffUser,
  options: {
    owner?: StaffUser;
    assignees?: StaffUser[];
    contacts?: Contact[];
    number?: string;
    name?: string;
  } = {},
): Promise<Matter> {
  const suffix = unique();
  const owner = options.owner ?? by;
  const assigneeIds = [...new Set([owner.id, ...(options.assignees ?? []).map((u) => u.id)])];
  const contactIds = (options.contacts ?? []).map((c) => c.id);
  const matter = created(
    await by.client.post('/api/v1/matters', {
      number: options.number ?? `M-${suffix}`,
      name: options.name ?? `Matter ${suffix}`,
      ownerId: owner.id,
      assigneeIds,
      contactIds,
    }),
    'matter',
  );
  return {
    id: matter.id,
    number: matter.number,
    name: matter.name,
    ownerId: owner.id,
    assigneeIds,
    contactIds,
  };
}

/**
 * A secure chat started by `creator` on the matter with the contact's first phone (or `phone`), with
 * `members` added and `messages` sent by the creator, all through the API.
 */
export async function makeConversation(
  creator: StaffUser,
  matter: Matter,
  contact: Contact,
  options: { phone?: string; members?: StaffUser[]; messages?: string[] } = {},
): Promise<Conversation> {
  const contactPhone = options.phone ?? (contact.phones[0] as string);
  const thread = created(
    await creator.client.post('/api/v1/conversations', {
      kind: 'secure_chat',
      matterId: matter.id,
      contactId: contact.id,
      contactPhone,
    }),
    'conversation',
  );
  for (const member of options.members ?? [])
    created(
      await creator.client.post(`/api/v1/conversations/${thread.id}/members`, { userId: member.id }),
      'member',
    );
  const messageIds: string[] = [];
  for (const body of options.messages ?? [])
    messageIds.push(
      created(await creator.client.post(`/api/v1/conversations/${thread.id}/messages`, { body }), 'message')
        .id,
    );
  return { id: thread.id, firmPhone: thread.firmPhone, contactPhone, messageIds };
}
