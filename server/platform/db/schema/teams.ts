import { index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';

/** Teams (routing, Message Center) and circles (addressable groups in the inbox). */
export const teams = pgTable(
  'teams',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    uniqueIndex('teams_firm_kind_name').on(t.firmId, t.kind, t.name),
  ],
);

export const teamMembers = pgTable(
  'team_members',
  {
    firmId: uuid('firm_id').notNull(),
    teamId: uuid('team_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.teamId, t.userId] }),
    index('team_members_user').on(t.firmId, t.userId),
  ],
);
