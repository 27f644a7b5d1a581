import type { Insertable } from 'kysely';
import type { ChangeList, ChangeRecordTable } from '../db/schema';
import {
  changesOf,
  householdColumns,
  personColumns,
  withCprMasked,
} from '../server/families/families.columns';
import type { GeneratedMunicipality } from './generate';

/**
 * The demo families' histories, as the app would have written them had the team entered the
 * data by hand: the family and each person created by the first of the pair on the day of
 * enrolment, the pair assigned by the leader, the consents recorded by whoever recorded them.
 * Without them every demo family's history said "no changes yet" beside data somebody entered.
 * The entries' fields and actions are the app's own (families.columns.ts, the routes).
 */
export function historyOf(data: GeneratedMunicipality): Insertable<ChangeRecordTable>[] {
  const entries: Insertable<ChangeRecordTable>[] = [];
  const pairOf = new Map(data.pairs.map((p) => [p.household_id, p]));
  const membersOf = new Map<string, GeneratedMunicipality['persons']>();
  for (const p of data.persons) membersOf.set(p.household_id, [...(membersOf.get(p.household_id) ?? []), p]);
  // A record created: each stored field, by the app's own map of fields to columns.
  const created = <M extends Record<string, string>>(map: M, row: object): ChangeList => {
    const stored = row as Record<string, unknown>;
    return changesOf(
      map,
      {},
      Object.fromEntries(Object.entries(map).map(([field, column]) => [field, stored[column]])),
    );
  };
  const entry = (
    h: { municipality_id: string; id: string },
    entity: string,
    entityId: string,
    action: string,
    by: string,
    at: Date,
    changes: ChangeList,
  ) =>
    entries.push({
      municipality_id: h.municipality_id,
      household_id: h.id,
      entity,
      entity_id: entityId,
      action,
      changes: JSON.stringify(changes),
      changed_by: by,
      changed_at: at,
    });

  // A record's create entry shows it as it was before its later changes: each changed column
  // back at its `from` value.
  const laterOf = new Map<string, GeneratedMunicipality['events']>();
  for (const e of data.events) laterOf.set(e.entity_id, [...(laterOf.get(e.entity_id) ?? []), e]);
  const asEnrolled = <M extends Record<string, string>>(map: M, row: { id: string }) => {
    const original: Record<string, unknown> = { ...row };
    for (const e of [...(laterOf.get(row.id) ?? [])].reverse())
      for (const c of e.changes) original[map[c.field] as string] = c.from;
    return original;
  };
  for (const h of data.households) {
    const pair = pairOf.get(h.id);
    if (!pair) continue;
    const enrolled = new Date(`${h.enrolled_on}T12:00:00Z`);
    const household = created(householdColumns, asEnrolled(householdColumns, h));
    entry(h, 'household', h.id, 'create', pair.first_member_id, enrolled, household);
    for (const p of membersOf.get(h.id) ?? []) {
      entry(
        h,
        'person',
        p.id,
        'create',
        pair.first_member_id,
        enrolled,
        withCprMasked(created(personColumns, asEnrolled(personColumns, p))),
      );
    }
    entry(h, 'pair', pair.id, 'assign_pair', pair.assigned_by, pair.assigned_at, [
      { field: 'pair', from: null, to: [pair.first_member_id, pair.second_member_id] },
    ]);
  }
  for (const c of data.consents) {
    const h = { municipality_id: c.municipality_id, id: c.household_id };
    entry(h, 'consent', c.id, 'give_consent', c.recorded_by, new Date(`${c.given_on}T12:00:00Z`), [
      { field: 'purpose', from: null, to: c.purpose },
      { field: 'givenOn', from: null, to: c.given_on },
      ...(c.scope ? [{ field: 'scope', from: null, to: c.scope }] : []),
    ]);
  }
  for (const e of data.events) {
    const h = { municipality_id: data.municipality.id, id: e.household_id };
    entry(h, e.entity, e.entity_id, 'update', e.changed_by, e.at, e.changes);
  }
  return entries;
}
