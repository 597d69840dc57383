import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { isAnyId, isAnyWord } from './list-sql';
import { conversations } from './schema';

const render = (ids: string[]) => new PgDialect().sqlToQuery(isAnyId(conversations.id, ids));
const ID = (n: number) => `0199a1b2-c3d4-7e5f-8a9b-${String(n).padStart(12, '0')}`;

describe('isAnyId', () => {
  it('is one statement text with one array parameter whatever the number of ids', () => {
    const three = render([ID(1), ID(2), ID(3)]);
    const fifty = render(Array.from({ length: 50 }, (_, i) => ID(i)));
    expect(three.sql).toBe(fifty.sql);
    expect(three.sql).toBe('"conversations"."id" = any($1::uuid[])');
    expect(three.params).toEqual([`{${ID(1)},${ID(2)},${ID(3)}}`]);
  });

  it('takes no ids as the empty array, which matches nothing', () => {
    expect(render([]).params).toEqual(['{}']);
  });

  it('refuses anything but a uuid, so no value can add elements to the array literal', () => {
    expect(() => render([`${ID(1)},${ID(2)}`])).toThrow(TypeError);
    expect(() => render(['{}'])).toThrow(TypeError);
    expect(() => render([''])).toThrow(TypeError);
  });
});

describe('isAnyWord', () => {
  const words = (values: string[]) => new PgDialect().sqlToQuery(isAnyWord(conversations.status, values));

  it('writes the words into the statement, where a partial index predicate can match them', () => {
    expect(words(['open'])).toEqual({ sql: `"conversations"."status" = 'open'`, params: [] });
    expect(words(['ended', 'closed'])).toEqual({
      sql: `"conversations"."status" in ('ended', 'closed')`,
      params: [],
    });
    expect(words([]).sql).toBe('false');
  });

  it('refuses anything but a lowercase word, so nothing can end the literal', () => {
    for (const bad of ["open' or 'x", 'Open', 'sms;', '', "o'"])
      expect(() => words([bad])).toThrow(TypeError);
  });
});
