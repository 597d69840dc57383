import { describe, expect, it } from 'vitest';
import { statementNames } from './statement-names';

describe('statementNames', () => {
  it('answers one name per text, the same each time, and different names for different texts', () => {
    const nameOf = statementNames();
    const a = nameOf('select "id" from "firms" where "firms"."id" = $1');
    const b = nameOf('insert into "outbox" ("id") values ($1)');
    expect(a).toMatch(/^parley_s\d+$/);
    expect(b).toMatch(/^parley_s\d+$/);
    expect(a).not.toBe(b);
    expect(nameOf('select "id" from "firms" where "firms"."id" = $1')).toBe(a);
  });

  it.each([
    ['select 1', true],
    ['  WITH "x" as (select 1) select * from "x"', true],
    ['(select 1) union all (select 2)', true],
    ['update "conversations" set "status" = $1', true],
    ['delete from "sessions" where "id" = $1', true],
    ['insert into "messages" ("id") values ($1)', true],
    ['begin', false],
    ['commit', false],
    ['CREATE TABLE "x" ("id" uuid)', false],
    ['ALTER TABLE "x" ADD COLUMN "y" text', false],
    ['set local statement_timeout = 1000', false],
    ['selection', false],
  ])('%s is prepared: %s', (text, prepared) => {
    expect(statementNames()(text) !== undefined).toBe(prepared);
  });

  it('stops naming new texts at the limit, and keeps the names it gave', () => {
    const nameOf = statementNames(2);
    const first = nameOf('select 1');
    nameOf('select 2');
    expect(nameOf('select 3')).toBeUndefined();
    expect(nameOf('select 1')).toBe(first);
  });
});
