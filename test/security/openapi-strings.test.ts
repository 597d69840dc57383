import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';

// The guard for future fields: every string a request can carry (body, query, path) is declared with
// one of the shared builders of platform/http/text.ts, or is constrained to a format or a fixed set,
// so no new field can let a control character through to the database.

type Schema = Record<string, unknown>;

// z.stringbool(): only true/false/1/0/yes/no/on/off parse, so it needs no pattern of its own.
const BOOLEAN_QUERIES = new Set(['GET /api/v1/users query.active']);

/** The paths of the string schemas under `schema` that no pattern, format or enum constrains. */
function unconstrainedStrings(schema: unknown, at: string, found: string[]): void {
  if (!schema || typeof schema !== 'object') return;
  const s = schema as Schema;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('string') && !s.pattern && !s.format && !s.enum && s.const === undefined) found.push(at);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const)
    if (Array.isArray(s[key]))
      for (const [i, x] of (s[key] as unknown[]).entries())
        unconstrainedStrings(x, `${at}.${key}.${i}`, found);
  if (s.properties && typeof s.properties === 'object')
    for (const [name, x] of Object.entries(s.properties as Schema))
      unconstrainedStrings(x, `${at}.${name}`, found);
  if (s.items) unconstrainedStrings(s.items, `${at}[]`, found);
  if (s.additionalProperties && typeof s.additionalProperties === 'object')
    unconstrainedStrings(s.additionalProperties, `${at}{}`, found);
  if (s.propertyNames) unconstrainedStrings(s.propertyNames, `${at}{key}`, found);
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

it('declares every incoming string with a control-character rule, a format or a fixed set', async () => {
  const doc = (await t.client().get('/api/docs/json')).body;
  const found: string[] = [];
  for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, Schema>>)) {
    for (const [method, op] of Object.entries(methods)) {
      const where = `${method.toUpperCase()} ${path}`;
      for (const p of (op.parameters as Schema[] | undefined) ?? [])
        unconstrainedStrings(p.schema, `${where} ${p.in}.${p.name}`, found);
      const content = (op.requestBody as { content?: Record<string, { schema: unknown }> } | undefined)
        ?.content;
      for (const [type, body] of Object.entries(content ?? {}))
        unconstrainedStrings(body.schema, `${where} body(${type})`, found);
    }
  }
  expect(found.filter((f) => !BOOLEAN_QUERIES.has(f))).toEqual([]);
});
