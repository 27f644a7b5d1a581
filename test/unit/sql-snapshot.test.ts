import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  coverageProblems,
  findQueryModules,
  formatSql,
  generateSnapshots,
  loadQueryModules,
  ROOT,
} from '../../scripts/sql-snapshot';

const HOW_TO_FIX = 'run `npm run sql:snapshot` and commit the .sql files with the query change';

function committedSqlFiles(dir = join(ROOT, 'src/server')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return committedSqlFiles(path);
    return entry.name.endsWith('.queries.sql') ? [relative(ROOT, path).split('\\').join('/')] : [];
  });
}

const noop = async () => undefined;

describe('SQL snapshots', () => {
  it('has a case for every queries module and every exported query function', async () => {
    expect(
      coverageProblems(await loadQueryModules()),
      'export the missing cases from the module, in its snapshotCases',
    ).toEqual([]);
  });

  it('finds every queries module by itself: the script lists none', async () => {
    const script = readFileSync(join(ROOT, 'scripts/sql-snapshot.ts'), 'utf8');
    expect(script).not.toMatch(/from '[^']*\.queries'/);
    expect((await loadQueryModules()).map((m) => m.source)).toEqual(findQueryModules());
    expect(findQueryModules()).toContain('src/server/families/families.queries.ts');
  });

  it('reports a queries module that exports no snapshotCases', () => {
    const problems = coverageProblems([
      { source: 'src/server/x/x.queries.ts', exports: { findX: noop }, cases: undefined },
    ]);
    expect(problems).toEqual(['src/server/x/x.queries.ts exports no snapshotCases']);
  });

  it('reports an exported query function without a case, and a case for no function', () => {
    const problems = coverageProblems([
      {
        source: 'src/server/x/x.queries.ts',
        exports: { findX: noop, findY: noop, limit: 5 },
        cases: { findX: [{ run: noop }], findY: [], findZ: [{ run: noop }] },
      },
    ]);
    expect(problems).toEqual([
      'src/server/x/x.queries.ts: findY has no case in its snapshotCases',
      'src/server/x/x.queries.ts: findZ is not an exported function',
    ]);
  });

  it('match the committed .sql file of every queries module', async () => {
    const snapshots = await generateSnapshots();
    expect(snapshots.map((s) => s.path.replace(/\.sql$/, '.ts')).sort()).toEqual(findQueryModules());
    for (const snapshot of snapshots) {
      const file = join(ROOT, snapshot.path);
      expect(existsSync(file), `${snapshot.path} is missing: ${HOW_TO_FIX}`).toBe(true);
      expect(readFileSync(file, 'utf8'), `${snapshot.path} is out of date: ${HOW_TO_FIX}`).toBe(
        snapshot.content,
      );
    }
  });

  it('leaves no snapshot behind whose queries module is gone', () => {
    const stale = committedSqlFiles().filter((f) => !existsSync(join(ROOT, f.replace(/\.sql$/, '.ts'))));
    expect(stale, 'delete these .sql files, then run `npm run sql:snapshot`').toEqual([]);
  });

  it('formats a query one clause per line and leaves literals and function parentheses alone', () => {
    expect(
      formatSql(
        `select "a", count(*) filter (where x = 'a, and where') as "n", (select 1 from "t" where "b" = $1 and "c" = $2) as "s" from "t" where "a" = $3 and ("b" = $4 or "c" = $5) order by "a" limit $6`,
      ),
    ).toBe(
      [
        'select',
        '  "a",',
        `  count(*) filter (where x = 'a, and where') as "n",`,
        '  (',
        '    select',
        '      1',
        '    from "t"',
        '    where',
        '      "b" = $1',
        '      and "c" = $2',
        '  ) as "s"',
        'from "t"',
        'where',
        '  "a" = $3',
        '  and ("b" = $4 or "c" = $5)',
        'order by "a"',
        'limit $6',
      ].join('\n'),
    );
  });
});
