import fastJsonStringify from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { ResponseSerializationError } from 'fastify-type-provider-zod';
import { type ZodType, z } from 'zod';

/**
 * How a response leaves the server: written by fast-json-stringify from the JSON schema of the
 * route's zod contract, the schema OpenAPI publishes. Like the zod encoding it replaces, it is
 * an allow-list — a property the contract does not name is never sent — but it writes the JSON
 * in one pass instead of copying the object through zod and then JSON.stringify (on the family
 * list a fifth of the server's JavaScript, bench/README.md).
 *
 * fast-json-stringify coerces where zod would refuse (a null where the contract says string
 * becomes ""). So where `checkResponses` is on — development and tests; off only in production —
 * every response is first checked against its zod contract, and a response that breaks it is an
 * error, as before; so is a writer that writes anything but what zod's encoding would have.
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
      if (written !== JSON.stringify(checked.data))
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
 * A contract fast-json-stringify cannot express (an unknown value's shape) is written by zod,
 * as before: such a response is small or rare (a file, a change's old and new value).
 */
function writerFor(contract: ZodType): (data: unknown) => string {
  try {
    const jsonSchema = z.toJSONSchema(contract, {
      io: 'output',
      target: 'draft-7',
      unrepresentable: 'throw',
    });
    return fastJsonStringify(jsonSchema as Parameters<typeof fastJsonStringify>[0]);
  } catch {
    return (data) => JSON.stringify(contract.encode(data));
  }
}
