import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/sql-snapshot';

/** Every .ts/.tsx file under a folder of src, relative to the root. */
function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name)) found.push(relative(ROOT, path).split('\\').join('/'));
    }
  };
  walk(join(ROOT, folder));
  return found.sort();
}

/**
 * A module specifier after `from` (import, import type, export … from), a bare `import '…'`, or in
 * `import(…)` (dynamic, or a type's `typeof import(…)`). One in a comment or string counts too:
 * the check errs on the strict side. (TypeScript 7 has no JavaScript API to parse with.)
 */
const SPECIFIER = /(?:\bfrom|\bimport)\s*\(?\s*['"]([^'"]+)['"]/g;

/** The imports of each file that reach into one of the given folders, as "file → specifier". */
function importsInto(folder: string, forbidden: string[]): string[] {
  const found: string[] = [];
  for (const file of sourceFiles(folder)) {
    for (const [, specifier = ''] of readFileSync(join(ROOT, file), 'utf8').matchAll(SPECIFIER)) {
      if (!specifier.startsWith('.')) continue;
      const target = relative(ROOT, resolve(dirname(join(ROOT, file)), specifier))
        .split('\\')
        .join('/');
      if (forbidden.some((f) => target === f || target.startsWith(`${f}/`))) {
        found.push(`${file} → ${specifier}`);
      }
    }
  }
  return found;
}

describe('the layers of src', () => {
  it('finds an import into a forbidden folder (the check itself works)', () => {
    expect(importsInto('src/server/families', ['src/db'])).toContain(
      'src/server/families/families.queries.ts → ../../db/schema',
    );
  });

  it('src/db imports nothing from src/server: the database layer does not depend on the server', () => {
    expect(importsInto('src/db', ['src/server'])).toEqual([]);
  });

  it('src/shared imports nothing from src/server, src/web or src/db: it runs in the browser too', () => {
    expect(importsInto('src/shared', ['src/server', 'src/web', 'src/db'])).toEqual([]);
  });

  it('the household list columns are computed by one query (refreshHouseholdSummary)', () => {
    // A landed migration's backfill is history, not a second writer.
    const writers = sourceFiles('src').filter(
      (f) =>
        !f.startsWith('src/db/migrations/') &&
        /search_fold\(concat_ws\(/.test(readFileSync(join(ROOT, f), 'utf8')),
    );
    expect(writers).toEqual(['src/server/families/families.queries.ts']);
  });
});
