import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { endsConnection } from './errors';

/**
 * A pg pool whose data statements run as named prepared statements: PostgreSQL parses and
 * plans each distinct statement once per connection instead of on every request. At our
 * scale planning cost as much as executing the family list (bench/README.md). The name is
 * a hash of the SQL text; Kysely's texts carry $n placeholders, so their number is bounded.
 * Schema changes (migrations, other statements) run unnamed.
 */
const DATA_STATEMENT = /^\s*(select|insert|update|delete|with)\b/i;
const names = new Map<string, string>();

function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `k_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    names.set(text, name);
  }
  return name;
}

export function namedStatementPool(pool: pg.Pool): PostgresPool {
  // One wrapper per pooled connection, kept as long as the connection: Kysely keys its own
  // connection object by the client it is given, so a new wrapper per checkout would make it
  // build a new one on every request.
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let broken = false;
    const query = ((textOrCursor: unknown, parameters?: ReadonlyArray<unknown>) => {
      if (typeof textOrCursor !== 'string') return client.query(textOrCursor as never);
      const values = parameters ? (parameters as unknown[]) : [];
      const sent = DATA_STATEMENT.test(textOrCursor)
        ? client.query({ name: nameOf(textOrCursor), text: textOrCursor, values })
        : client.query(textOrCursor, values);
      return sent.catch((error: unknown) => {
        if (endsConnection(error)) broken = true;
        throw error;
      });
    }) as unknown as PostgresPoolClient['query'];
    // Kysely releases with `destroy` only when a rollback failed; a connection the server ended
    // during a query is destroyed here too, before the pool could hand it out again.
    return { query, release: (destroy?: boolean) => client.release(destroy || broken) };
  };
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
