import { type Compilable, CompiledQuery, createQueryId } from 'kysely';
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
  const templates = new Map<string, Template<R>>();
  const placeholders = new Proxy({} as V, {
    get: (_, key) => new Placeholder(String(key)),
  });
  return (db, shape, values) => {
    const key = JSON.stringify(shape);
    let template = templates.get(key);
    if (!template) {
      template = templateOf(build(db, placeholders, shape).compile());
      templates.set(key, template);
    }
    const { keys, constants } = template;
    const parameters: unknown[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const name = keys[i];
      if (name === undefined) parameters[i] = constants[i];
      else if (name in values) parameters[i] = (values as Record<string, unknown>)[name];
      else throw new Error(`compiledOnce: no value for "${name}"`);
    }
    // What CompiledQuery.raw makes, less its per-call work: the statement's node is the
    // template's (immutable, so shared), and nothing is frozen that only the executor reads.
    return { sql: template.sql, query: template.query, parameters, queryId: createQueryId() };
  };
}

interface Template<R> {
  sql: string;
  query: CompiledQuery<R>['query'];
  /** Per parameter, the name of the value it takes, or undefined for a constant of the build. */
  keys: (string | undefined)[];
  constants: unknown[];
}

function templateOf<R>(compiled: CompiledQuery<R>): Template<R> {
  return {
    sql: compiled.sql,
    query: CompiledQuery.raw(compiled.sql).query,
    keys: compiled.parameters.map((p) => (p instanceof Placeholder ? p.key : undefined)),
    constants: compiled.parameters.map((p) => (p instanceof Placeholder ? undefined : p)),
  };
}
