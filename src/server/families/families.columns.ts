/*
 * The contract's field names of a family and a person, and the columns they are stored in; and
 * a history entry's changes in those names. Nothing of the server's imported, so that the demo
 * seed writes its histories by the same rules as the app (src/demo/history.ts).
 */
import { maskCpr } from '../../shared/families/cpr';

export const householdColumns = {
  areaId: 'area_id',
  street: 'street',
  buildingNumber: 'building_number',
  entrance: 'entrance',
  floor: 'floor',
  door: 'door',
  postalCode: 'postal_code',
  status: 'status',
  enrolledOn: 'enrolled_on',
  exitedOn: 'exited_on',
} as const;

export const personColumns = {
  firstName: 'first_name',
  lastName: 'last_name',
  cpr: 'cpr',
  birthDate: 'birth_date',
  role: 'household_role',
  countryOfOrigin: 'country_of_origin',
  languages: 'languages',
  interpreterNeeded: 'interpreter_needed',
  phone: 'phone',
  email: 'email',
  preferredContact: 'preferred_contact',
  contactLanguage: 'contact_language',
} as const;

/** No languages stored (null) and an empty list sent are the same nothing: not a change. */
const nothingAsNull = (value: unknown) =>
  value === undefined || (Array.isArray(value) && value.length === 0) ? null : value;

/** History entries in the contract's field names: from the stored row, to the new values. */
export function changesOf<M extends Record<string, string>>(
  map: M,
  before: Record<string, unknown>,
  input: Record<string, unknown>,
) {
  const changes: { field: string; from: unknown; to: unknown }[] = [];
  for (const [key, column] of Object.entries(map)) {
    const to = input[key];
    if (to === undefined) continue;
    const from = before[column] ?? null;
    if (JSON.stringify(nothingAsNull(from)) !== JSON.stringify(nothingAsNull(to)))
      changes.push({ field: key, from, to });
  }
  return changes;
}

/** A history never holds a CPR number in full: its changes carry the masked one. */
export function withCprMasked(changes: { field: string; from: unknown; to: unknown }[]) {
  return changes.map((c) =>
    c.field === 'cpr'
      ? { field: c.field, from: maskCpr(c.from as string | null), to: maskCpr(c.to as string | null) }
      : c,
  );
}
