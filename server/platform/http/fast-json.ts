import fastJson from 'fast-json-stringify';
import { z } from 'zod';

// A response written by fast-json-stringify from the route's own zod schema, for a hot route whose
// JSON is large: the default serializer (fastify-type-provider-zod) encodes the whole response with
// zod and then JSON.stringifies it, a walk of every field twice. This walks it once, with code
// generated for the schema. The output is the same text: the same fields in the schema's order,
// fields the schema does not name left out, absent optional fields left out. What it does not do is
// check the values against the schema on the way out; the use case's types hold them to it, and
// server/features/conversations/list-json.test.ts holds the output to the default one's.

type JsonSchema = Record<string, unknown>;

/** The JSON Schema of a zod schema as fast-json-stringify needs it (see serializationSchema). */
export function fastJsonSchema(schema: z.ZodType): JsonSchema {
  return serializationSchema(z.toJSONSchema(schema, { io: 'output' }) as JsonSchema, '#');
}

const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean']);

/**
 * Keeps what decides the written text (types, properties, required, array items, null) and drops
 * what only validates (formats, patterns, enums, bounds, descriptions). "X or null", which zod writes
 * as anyOf, becomes X nullable: fast-json-stringify would otherwise try each branch with a validator
 * at every value. Anything else (unions, references, open records) is refused, at startup, so a
 * change of the contract that this cannot write the same way fails loudly instead of writing
 * something else.
 */
function serializationSchema(schema: JsonSchema, at: string): JsonSchema {
  const anyOf = schema.anyOf as JsonSchema[] | undefined;
  if (anyOf) {
    const others = anyOf.filter((s) => s.type !== 'null');
    if (anyOf.length !== 2 || others.length !== 1)
      throw new TypeError(`${at}: only "X or null" is supported`);
    return nullable(serializationSchema(others[0] as JsonSchema, at));
  }
  const type = schema.type;
  if (Array.isArray(type)) {
    const [other, ...rest] = type.filter((t) => t !== 'null');
    if (rest.length > 0 || type.length !== 2 || !PRIMITIVES.has(other as string))
      throw new TypeError(`${at}: only "X or null" is supported`);
    return nullable({ type: other });
  }
  if (type === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    if (schema.additionalProperties !== undefined && schema.additionalProperties !== false)
      throw new TypeError(`${at}: open objects are not supported`);
    return {
      type: 'object',
      properties: Object.fromEntries(
        Object.entries(properties).map(([name, p]) => [name, serializationSchema(p, `${at}/${name}`)]),
      ),
      ...(schema.required ? { required: schema.required } : {}),
    };
  }
  if (type === 'array') {
    if (!schema.items || Array.isArray(schema.items))
      throw new TypeError(`${at}: only lists of one item schema`);
    return { type: 'array', items: serializationSchema(schema.items as JsonSchema, `${at}/items`) };
  }
  if (typeof type === 'string' && PRIMITIVES.has(type)) return { type };
  throw new TypeError(`${at}: ${JSON.stringify(type ?? Object.keys(schema))} is not supported`);
}

function nullable(schema: JsonSchema): JsonSchema {
  return PRIMITIVES.has(schema.type as string)
    ? { type: [schema.type, 'null'] }
    : { ...schema, nullable: true };
}

/**
 * A route's serializer compiler (its `serializerCompiler` option): each response schema, a zod
 * schema, written by fast-json-stringify. Typed by what it reads, so any route's schema type fits.
 */
export function fastJsonSerializerCompiler({ schema }: { schema: unknown }): (data: unknown) => string {
  if (!(schema instanceof z.ZodType)) throw new TypeError('fastJsonSerializerCompiler takes zod schemas');
  return fastJson(fastJsonSchema(schema));
}
