import { type Compilable, CompiledQuery } from 'kysely';
import type { Q } from './queryable';

/**
 * A query built and compiled by Kysely once per shape, then only bound to new values.
 *
 * Building and compiling a Kysely query costs more CPU than sending it: on the family list,
 * the hottest route, it was a third of the server's JavaScript per request (bench/README.md).
 * The query is still written with Kysely's builder, readable and typed; what changes is that
 * its values come from `v` — placeholders the first compilation records in its parameter list —
 * and every choice that changes the SQL text (an optional filter, the sort) comes from `shape`,
 * which is the cache key. Values must not steer the builder: a value read inside `build` is a
 * placeholder, not the real one, so an `$if` on it would take the same branch for every call.
 */
class Placeholder {
  constructor(readonly key: string) {}
}

export function compiledOnce<S, V extends object, R>(
  build: (db: Q, v: V, shape: S) => Compilable<R>,
): (db: Q, shape: S, values: V) => CompiledQuery<R> {
  const templates = new Map<string, CompiledQuery<R>>();
  const placeholders = new Proxy({} as V, {
    get: (_, key) => new Placeholder(String(key)),
  });
  return (db, shape, values) => {
    const key = JSON.stringify(shape);
    let template = templates.get(key);
    if (!template) {
      template = build(db, placeholders, shape).compile();
      templates.set(key, template);
    }
    const parameters = template.parameters.map((p) => {
      if (!(p instanceof Placeholder)) return p;
      if (!(p.key in values)) throw new Error(`compiledOnce: no value for "${p.key}"`);
      return (values as Record<string, unknown>)[p.key];
    });
    return CompiledQuery.raw(template.sql, parameters) as CompiledQuery<R>;
  };
}
