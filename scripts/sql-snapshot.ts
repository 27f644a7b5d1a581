/**
 * SQL you can see (after Immich's `server/src/queries/*.sql`): finds every
 * `src/server/**\/*.queries.ts`, runs the cases each one exports as `snapshotCases` (sample
 * parameters beside the queries, src/server/snapshot-samples.ts) against a Kysely instance with
 * the PostgreSQL dialect and a driver that executes nothing, records the SQL each function sends,
 * and writes it next to the module as `*.queries.sql`. A reviewer then sees every query change as
 * SQL in the diff; a new area adds its module and cases and edits nothing here.
 *
 *   npm run sql:snapshot          regenerate the files
 *
 * test/unit/sql-snapshot.test.ts regenerates them in memory and fails when a committed file
 * differs, when a queries module exports no cases, or when an exported function has no case.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  type CompiledQuery,
  type DatabaseConnection,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import type { Database } from '../src/db/schema';
import type { SnapshotCase } from '../src/server/snapshot-samples';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// ---------------------------------------------------------------------------------------------
// A Kysely that records instead of executing

/**
 * Every query comes back with one row, so functions that need a row (`executeTakeFirstOrThrow`)
 * run to the end; `next` is the column `nextReference` reads. The values are never printed.
 */
const DUMMY_ROW = { next: 1 };

class RecordingConnection implements DatabaseConnection {
  constructor(private readonly log: string[]) {}
  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.log.push(query.sql);
    return { rows: [DUMMY_ROW as R] };
  }
  // biome-ignore lint/correctness/useYield: nothing to stream, the recorder only records
  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    this.log.push(query.sql);
  }
}

/** begin/commit are no-ops (DummyDriver's): a snapshot shows the queries, not the transaction. */
class RecordingDriver extends DummyDriver {
  constructor(private readonly log: string[]) {
    super();
  }
  override async acquireConnection(): Promise<DatabaseConnection> {
    return new RecordingConnection(this.log);
  }
}

function recordingDb(log: string[]): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new RecordingDriver(log),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

// ---------------------------------------------------------------------------------------------
// Formatting: one clause per line, list items and `and`-conditions one per line, subqueries
// indented. A small tokenizer, so string literals and quoted identifiers are never touched.

interface Token {
  text: string;
  /** Whitespace preceded the token in the original SQL. */
  space: boolean;
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let space = false;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (/\s/.test(c)) {
      space = true;
      i++;
      continue;
    }
    let end = i + 1;
    if (c === "'" || c === '"') {
      // A quoted string or identifier; a doubled quote is an escaped quote.
      while (end < sql.length) {
        if (sql[end] === c) {
          if (sql[end + 1] === c) end += 2;
          else {
            end++;
            break;
          }
        } else end++;
      }
    } else if (/[\w$]/.test(c)) {
      while (end < sql.length && /[\w$]/.test(sql[end] as string)) end++;
    } else if (c === '-' && sql[i + 1] === '-') {
      throw new Error('sql-snapshot: line comments in SQL are not supported by the formatter');
    }
    tokens.push({ text: sql.slice(i, end), space });
    space = false;
    i = end;
  }
  return tokens;
}

/** Clauses that start a line; the longest match wins ("left join" before "join"). */
const CLAUSES = [
  'with',
  'select',
  'from',
  'inner join',
  'left join',
  'left outer join',
  'right join',
  'full join',
  'cross join',
  'join',
  'where',
  'group by',
  'having',
  'window',
  'order by',
  'limit',
  'offset',
  'for update',
  'insert into',
  'values',
  'update',
  'set',
  'delete from',
  'on conflict',
  'returning',
  'union all',
  'union',
].map((c) => c.split(' '));

/** Clauses whose items go one per line, split at top-level commas (or `and` for conditions). */
const LIST_CLAUSES = new Set(['select', 'set', 'returning']);
const CONDITION_CLAUSES = new Set(['where', 'having']);

function clauseAt(tokens: Token[], i: number): string | null {
  for (const words of CLAUSES) {
    if (words.every((w, k) => tokens[i + k]?.text.toLowerCase() === w)) return words.join(' ');
  }
  return null;
}

interface Frame {
  /** A parenthesised subquery (clauses break lines inside it) or an expression's parentheses. */
  subquery: boolean;
  /** Indent of the clause keywords inside this frame. */
  level: number;
  clause: string | null;
}

export function formatSql(sql: string): string {
  const tokens = tokenize(sql);
  const lines: string[] = [];
  let line = '';
  let lineLevel = 0;
  const newLine = (level: number) => {
    if (line.trim()) lines.push(line.trimEnd());
    line = '  '.repeat(level);
    lineLevel = level;
  };
  const write = (token: Token) => {
    if (line.trim() && token.space) line += ' ';
    line += token.text;
  };
  const stack: Frame[] = [{ subquery: true, level: 0, clause: null }];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    const frame = stack[stack.length - 1] as Frame;
    const lower = token.text.toLowerCase();
    const clause = frame.subquery ? clauseAt(tokens, i) : null;
    if (clause) {
      const words = clause.split(' ').length;
      frame.clause = clause;
      newLine(frame.level);
      write({ text: clause, space: false });
      if (LIST_CLAUSES.has(clause) || CONDITION_CLAUSES.has(clause)) newLine(frame.level + 1);
      i += words - 1;
      continue;
    }
    if (token.text === '(') {
      write(token);
      const next = tokens[i + 1]?.text.toLowerCase();
      const subquery = next === 'select' || next === 'with';
      stack.push({ subquery, level: lineLevel + 1, clause: null });
      continue;
    }
    if (token.text === ')') {
      const closed = stack.pop() as Frame;
      if (closed.subquery) {
        newLine(closed.level - 1);
        write({ text: ')', space: false });
      } else write(token);
      continue;
    }
    if (frame.subquery && token.text === ',' && frame.clause && LIST_CLAUSES.has(frame.clause)) {
      write(token);
      newLine(frame.level + 1);
      continue;
    }
    if (frame.subquery && lower === 'and' && frame.clause && CONDITION_CLAUSES.has(frame.clause)) {
      newLine(frame.level + 1);
      write({ text: token.text, space: false });
      continue;
    }
    write(token);
  }
  newLine(0);
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Generation

export interface Snapshot {
  /** The .sql file, relative to the repository root. */
  path: string;
  content: string;
}

const isFunction = (v: unknown): v is (...args: never[]) => unknown => typeof v === 'function';

export interface QueryModule {
  /** The queries module, relative to the repository root. */
  source: string;
  exports: Record<string, unknown>;
  /** Its `snapshotCases`: every exported function with the cases that show its SQL. */
  cases: Record<string, SnapshotCase[]> | undefined;
}

/** Every `*.queries.ts` under src/server, relative to the root, sorted. */
export function findQueryModules(root = ROOT): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.queries.ts')) found.push(relative(root, path).split('\\').join('/'));
    }
  };
  walk(join(root, 'src/server'));
  return found.sort();
}

/** Imports every queries module found, with the cases it declares beside its queries. */
export async function loadQueryModules(root = ROOT): Promise<QueryModule[]> {
  return Promise.all(
    findQueryModules(root).map(async (source) => {
      const exports = (await import(pathToFileURL(join(root, source)).href)) as Record<string, unknown>;
      return { source, exports, cases: exports.snapshotCases as QueryModule['cases'] };
    }),
  );
}

/** Checks that every queries module declares its cases and every exported function has one. */
export function coverageProblems(modules: QueryModule[]): string[] {
  const problems: string[] = [];
  for (const m of modules) {
    if (!m.cases) {
      problems.push(`${m.source} exports no snapshotCases`);
      continue;
    }
    for (const [name, value] of Object.entries(m.exports)) {
      if (isFunction(value) && !m.cases[name]?.length) {
        problems.push(`${m.source}: ${name} has no case in its snapshotCases`);
      }
    }
    for (const name of Object.keys(m.cases)) {
      if (!isFunction(m.exports[name])) problems.push(`${m.source}: ${name} is not an exported function`);
    }
  }
  return problems;
}

export async function generateSnapshots(): Promise<Snapshot[]> {
  const queryModules = await loadQueryModules();
  const problems = coverageProblems(queryModules);
  if (problems.length) throw new Error(`sql-snapshot:\n  ${problems.join('\n  ')}`);
  const log: string[] = [];
  const db = recordingDb(log);
  const snapshots: Snapshot[] = [];
  try {
    for (const m of queryModules) {
      const file = m.source.split('/').pop() as string;
      const blocks = [
        `-- Generated by \`npm run sql:snapshot\` (scripts/sql-snapshot.ts) from ${file}. Do not edit.`,
      ];
      for (const [name, cases] of Object.entries(m.cases ?? {})) {
        for (const c of cases) {
          log.length = 0;
          await c.run(db);
          if (log.length === 0) throw new Error(`sql-snapshot: ${m.source}: ${name} sent no SQL`);
          const title = c.variant ? `${name} (${c.variant})` : name;
          blocks.push(`-- ${title}\n${log.map((q) => `${formatSql(q)};`).join('\n\n')}`);
        }
      }
      snapshots.push({ path: m.source.replace(/\.ts$/, '.sql'), content: `${blocks.join('\n\n')}\n` });
    }
  } finally {
    await db.destroy();
  }
  return snapshots;
}

async function main() {
  for (const snapshot of await generateSnapshots()) {
    writeFileSync(join(ROOT, snapshot.path), snapshot.content);
    process.stdout.write(`wrote ${snapshot.path}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  await main();
}
