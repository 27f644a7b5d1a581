import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  coverageProblems,
  findQueryModules,
  formatSql,
  generateSnapshots,
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

describe('SQL snapshots', () => {
  it('has a case for every queries module and every exported query function', () => {
    expect(coverageProblems(), 'add the missing cases to queryModules in scripts/sql-snapshot.ts').toEqual(
      [],
    );
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
