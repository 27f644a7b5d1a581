import type { Db } from '../db/client';
import { listMunicipalities } from '../server/admin/organisation.queries';
import { checkStoredFamilies } from '../server/families/families.check';
import { translate } from '../shared/i18n';

/**
 * `staircase check-data`: every stored family against today's rules (families.check.ts). The
 * report names families by their reference and fields by the contract's names — never a
 * person's name, CPR number or birth date, so it can be pasted into a ticket. The outcome sets
 * the exit code: a script or a monitoring job sees at once that somebody must look.
 */
export async function checkData(
  db: Db,
  municipality: string | undefined,
): Promise<{ outcome: 'clean' | 'problems' | 'refused'; report: string }> {
  const all = await listMunicipalities(db.kysely);
  const wanted = municipality?.trim().toLowerCase();
  const chosen = wanted === undefined ? all : all.filter((m) => m.name.toLowerCase() === wanted);
  if (chosen.length === 0) {
    return municipality === undefined
      ? { outcome: 'clean', report: 'No municipalities yet.' }
      : { outcome: 'refused', report: `No municipality named "${municipality}".` };
  }
  let problems = 0;
  const lines: string[] = [];
  for (const m of chosen) {
    const { checked, findings } = await checkStoredFamilies(db.kysely, {
      userId: null,
      municipalityId: m.id,
      role: 'command_line',
    });
    problems += findings.length;
    const families = `${checked} ${checked === 1 ? 'family' : 'families'} checked`;
    if (findings.length === 0) {
      lines.push(`${m.name}: ${families}, no problems.`);
      continue;
    }
    lines.push(
      `${m.name}: ${families}, ${findings.length} ${findings.length === 1 ? 'problem' : 'problems'}:`,
    );
    for (const f of findings)
      lines.push(`  ${f.reference}  ${f.field || '(family)'}: ${translate('en', f.key)}`);
  }
  if (problems > 0)
    lines.push('(Members and consents are numbered from 1, oldest first, as on the family page.)');
  return { outcome: problems > 0 ? 'problems' : 'clean', report: lines.join('\n') };
}
