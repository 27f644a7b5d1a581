import { listSql, openSqlDriver } from './floor';
import type { BenchDbKind } from './settings';
import { buildWorkload, type ListRequest } from './workload';

/**
 * `tsx bench/explain.ts [pglite|postgres]`: EXPLAIN (ANALYZE, BUFFERS) of the family list
 * query at benchmark scale, for a browse, a search and a sort by name — the evidence to look
 * at before proposing an index. Run after bench/generate.ts.
 */
const kind = (process.argv[2] ?? 'postgres') as BenchDbKind;
const w = buildWorkload();
const samples: [string, ListRequest][] = [
  ['browse, by reference, page 3', { sort: 'reference', dir: 'asc', page: 3, pageSize: 25 }],
  ['browse, by updated, desc', { sort: 'updatedAt', dir: 'desc', page: 1, pageSize: 25 }],
  ['search "khan", by name', { q: 'khan', sort: 'name', dir: 'asc', page: 1, pageSize: 25 }],
  [
    'search "e" (matches most), by member count',
    { q: 'e', sort: 'memberCount', dir: 'desc', page: 1, pageSize: 25 },
  ],
];
const driver = openSqlDriver(kind);
try {
  for (const [title, request] of samples) {
    const { text, params } = listSql(request, w.actors[0]);
    // Warm the cache and the plan cache as the benchmark would.
    for (let i = 0; i < 3; i++) await driver.transaction((q) => q(text, params));
    const plan = await driver.transaction((q) => q(`explain (analyze, buffers) ${text}`, params));
    console.log(`\n-- ${kind}: ${title}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
  }
} finally {
  await driver.close();
}
