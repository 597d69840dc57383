import { sql } from 'drizzle-orm';
import {
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts } from './columns';

// Message Center setup: groups → locations (with a service area) → campaigns (a firm number routed
// to a team), and quick replies per group. Rows are deleted softly (deleted_at) so the closed
// conversations of a removed campaign still name their group, location and campaign.

/** A group of locations (e.g. a brand or a region). */
export const mcGroups = pgTable(
  'mc_groups',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.id] })],
);

/** A location of a group, with its service area (centre and radii in miles) when it has one. */
export const mcLocations = pgTable(
  'mc_locations',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    groupId: uuid('group_id').notNull(),
    name: text('name').notNull(),
    postalCode: text('postal_code'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    idealMiles: doublePrecision('ideal_miles'),
    maxMiles: doublePrecision('max_miles'),
    createdAt: createdAt(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.id] }), index('mc_locations_group').on(t.firmId, t.groupId)],
);

/** A campaign: the firm number customers text (also in firm_numbers, purpose campaign) and the team that answers. */
export const mcCampaigns = pgTable(
  'mc_campaigns',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    locationId: uuid('location_id').notNull(),
    groupId: uuid('group_id').notNull(),
    name: text('name').notNull(),
    /** E.164; released from firm_numbers when the campaign is deleted. */
    phone: text('phone').notNull(),
    teamId: uuid('team_id').notNull(),
    /** Answer to HELP / INFO. */
    helpText: text('help_text').notNull().default(''),
    createdAt: createdAt(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    index('mc_campaigns_location').on(t.firmId, t.locationId),
    index('mc_campaigns_phone').on(t.firmId, t.phone),
  ],
);

/** A canned answer agents insert into the composer, per group. */
export const mcQuickReplies = pgTable(
  'mc_quick_replies',
  {
    firmId: uuid('firm_id').notNull(),
    id: uuid('id').notNull(),
    groupId: uuid('group_id').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.firmId, t.id] }),
    index('mc_quick_replies_group').on(t.firmId, t.groupId).where(sql`deleted_at is null`),
  ],
);

/**
 * What agents noted about a Message Center customer, one record per customer number in a firm, so a
 * later conversation from the same number shows it again. The details (name, address, e-mail, lead
 * answers and the place the address resolved to) are one JSON document sealed with the firm key,
 * bound to the firm and the number.
 */
export const mcConsumers = pgTable(
  'mc_consumers',
  {
    firmId: uuid('firm_id').notNull(),
    /** The customer number (E.164), as conversations.contact_phone holds it. */
    phone: text('phone').notNull(),
    detailsSealed: text('details_sealed').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [primaryKey({ columns: [t.firmId, t.phone] })],
);

/**
 * How many of a team's Message Center conversations each dashboard filter holds (conversations of no
 * team: team_id null), kept by triggers on conversations (migration 0019) in the transaction that
 * changes a conversation. The dashboard's counts read a row per team instead of counting every
 * conversation's index entry: a supervisor's closed count alone was some 75,000 entries.
 */
export const mcTeamCounts = pgTable(
  'mc_team_counts',
  {
    firmId: uuid('firm_id').notNull(),
    teamId: uuid('team_id'),
    open: integer('open').notNull().default(0),
    waiting: integer('waiting').notNull().default(0),
    unassigned: integer('unassigned').notNull().default(0),
    closed: integer('closed').notNull().default(0),
  },
  (t) => [unique('mc_team_counts_team').on(t.firmId, t.teamId).nullsNotDistinct()],
);
