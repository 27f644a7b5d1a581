import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../scripts/sql-snapshot';
import { ConsentPurpose } from '../../../src/shared/families/families.contract';
import { adminDa } from '../../../src/web/admin/i18n.da';
import { adminEn } from '../../../src/web/admin/i18n.en';

/** Every .ts file's text under a folder of src. */
function sources(folder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) found.push(readFileSync(path, 'utf8'));
    }
  };
  walk(join(ROOT, folder));
  return found;
}

/**
 * The entities the server writes to the audit log: each `entity: '…'` literal, the outreach
 * area's refusals (`inArea(…, '<entity>', …)`) and the team's organisation units, whose entity is
 * their table's name (`entity: o.table`). A new area that audits a new entity shows up here.
 */
function auditedEntities(): string[] {
  const found = new Set<string>(['department', 'competence_domain']);
  for (const text of sources('src/server')) {
    for (const [, name = ''] of text.matchAll(/\bentity: '([a-z_]+)'/g)) found.add(name);
    for (const [, name = ''] of text.matchAll(/\binArea\([^()]*?, '([a-z_]+)',/g)) found.add(name);
  }
  return [...found].sort();
}

/** How a sign-in was verified, recorded as its purpose and shown as the method (audit.signInMethods). */
const signInMethods = ['password', 'totp', 'recovery_code', 'oidc'];

/**
 * The purposes the server writes to the audit log: each `purpose: '…'` literal and each purpose
 * kept in a constant (`const purpose = '…'`, `const why = '…'`), less the sign-in methods and the
 * consents' purposes (a consent row has a purpose too, not an audit event) but case work, which is
 * both.
 */
function auditedPurposes(): string[] {
  const found = new Set<string>();
  for (const text of sources('src/server')) {
    for (const [, name = ''] of text.matchAll(/\b(?:purpose: |const purpose = |const why = )'([a-z_]+)'/g)) {
      found.add(name);
    }
  }
  const notAudit = new Set<string>([
    ...signInMethods,
    ...ConsentPurpose.options.filter((p) => p !== 'case_work'),
  ]);
  return [...found].filter((p) => !notAudit.has(p)).sort();
}

describe('the audit log names every entity and purpose the server audits', () => {
  const entities = auditedEntities();

  it('finds the entities of the areas (a guard that the scan itself works)', () => {
    for (const e of [
      'household',
      'task',
      'journal_note',
      'appointment',
      'measurement',
      'building',
      'import_job',
    ]) {
      expect(entities).toContain(e);
    }
  });

  it('has a Danish and an English name for each, so none is shown as its table name', () => {
    const da: Record<string, string> = adminDa.audit.entity;
    const en: Record<string, string> = adminEn.audit.entity;
    expect(entities.filter((e) => !da[e])).toEqual([]);
    expect(entities.filter((e) => !en[e])).toEqual([]);
  });

  it('has a Danish and an English name for each purpose', () => {
    const purposes = auditedPurposes();
    expect(purposes).toEqual(expect.arrayContaining(['case_work', 'calendar_feed', 'outreach', 'not_found']));
    const da: Record<string, string> = adminDa.audit.purpose;
    const en: Record<string, string> = adminEn.audit.purpose;
    expect(purposes.filter((p) => !da[p])).toEqual([]);
    expect(purposes.filter((p) => !en[p])).toEqual([]);
  });
});
