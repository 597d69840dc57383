import { PgDialect } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { isAnyId } from './list-sql';
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
