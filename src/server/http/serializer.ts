import { isDeepStrictEqual } from 'node:util';
import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

/**
 * How a response leaves the server: written by fast-json-stringify from the JSON Schema of the
 * route's zod contract, the schema OpenAPI publishes. Like the zod encoding it replaces, it is
 * an allow-list — a property the contract does not name is never sent — but it writes the JSON
 * in one pass instead of copying the object through zod and then JSON.stringify (decision 0015).
 *
 * fast-json-stringify coerces where zod would refuse (a null where the contract says string
 * becomes "", the string "false" where it says boolean becomes true). Handlers are typed by
 * their contracts, so TypeScript refuses most such values at compile time; and where
 * `checkResponses` is on — development and tests; off only in production — every response is
 * first checked against its zod contract at run time, and a response that breaks it is an error,
 * as before; so is a writer that writes anything but what zod's encoding would have (the same
 * values; the order of an object's keys may differ, and means nothing in JSON).
 */
export function responseSerializer(checkResponses: boolean): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url }) => {
    const contract = zodOf(schema);
    const write = writerFor(contract);
    if (!checkResponses) return write;
    return (data) => {
      const checked = contract.safeEncode(data);
      if (!checked.success) throw new ResponseSerializationError(method, url, { cause: checked.error });
      const written = write(data);
      // The writer must write what zod would have: every response of every test checks it.
      if (!isDeepStrictEqual(JSON.parse(written), JSON.parse(JSON.stringify(checked.data))))
        // Not the bodies: they hold personal data, and errors are logged.
        throw new Error(`response of ${method} ${url}: the writer differs from zod's encoding`);
      return written;
    };
  };
}

function zodOf(schema: unknown): ZodType {
  if (schema instanceof z.ZodType) return schema;
  throw new Error(`response schema of a route is not a zod schema: ${JSON.stringify(schema)}`);
}

/**
 * A contract JSON Schema cannot express (a codec to a Date, a transform) is written by zod's
 * encoding, as before. A schema that can be expressed but not compiled is a bug, and stops the
 * server at start.
 */
function writerFor(contract: ZodType): (data: unknown) => string {
  let jsonSchema: unknown;
  try {
    jsonSchema = z.toJSONSchema(contract, { io: 'output', target: 'draft-7', unrepresentable: 'throw' });
  } catch {
    return (data) => JSON.stringify(contract.encode(data));
  }
  return fastJsonStringify(plainChoices(openObjects(jsonSchema)) as Parameters<typeof fastJsonStringify>[0]);
}

/**
 * The schema without `additionalProperties: false`. fast-json-stringify writes only the
 * properties a schema names whether or not it says so; but where it must choose between the
 * branches of an `anyOf` (a nullable object), it validates the value against each, and a value
 * with one property more would match none and fail the request, where zod strips it.
 */
function openObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(openObjects);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'additionalProperties' && value === false) continue;
    out[key] = openObjects(value);
  }
  return out;
}

/**
 * The schema with the choices zod writes for `.nullable()` (`anyOf: [X, {type: 'null'}]`) said
 * as `X` with `nullable: true`, and a choice among constants of one type (a union of literals) as
 * an `enum`. fast-json-stringify decides an `anyOf` by validating the value against each branch
 * with Ajv (a uuid's pattern and all): five times for every task of a list, seven for every note,
 * where `nullable` is one comparison with null. The JSON written for a value the contract allows
 * is the same; a value it refuses is refused where checkResponses is on, as everywhere else.
 */
function plainChoices(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(plainChoices);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) out[key] = plainChoices(value);
  const branches = out.anyOf;
  if (!Array.isArray(branches) || Object.keys(out).length !== 1) return out;
  const values = branches.filter((b) => !isNullType(b));
  const [only] = values;
  if (values.length === 1 && branches.length === 2 && isPlainType(only)) return { ...only, nullable: true };
  const type = (branches[0] as { type?: unknown } | undefined)?.type;
  if (branches.every((b) => isConstOf(b, type))) return { type, enum: branches.map((b) => b.const) };
  return out;
}

const isNullType = (s: unknown) =>
  typeof s === 'object' &&
  s !== null &&
  Object.keys(s).length === 1 &&
  (s as { type?: unknown }).type === 'null';

/** One type and no choice of its own: what fast-json-stringify writes without validating. */
const isPlainType = (s: unknown): s is Record<string, unknown> =>
  typeof s === 'object' &&
  s !== null &&
  typeof (s as { type?: unknown }).type === 'string' &&
  !['anyOf', 'oneOf', 'allOf', '$ref', 'if', 'const', 'nullable'].some((key) => key in s);

const isConstOf = (s: unknown, type: unknown): s is { type: string; const: unknown } =>
  typeof s === 'object' &&
  s !== null &&
  Object.keys(s).length === 2 &&
  typeof type === 'string' &&
  (s as { type?: unknown }).type === type &&
  'const' in s;
