/** The people a family's name is made of: its parents, else its other adults. */
export interface NamedPerson {
  firstName: string;
  lastName: string;
  role: 'parent' | 'other_adult' | 'child';
}

/**
 * A family named by its adults, as a team says it: "Amal og Karim Odeh" when they share a last
 * name, "Amal Odeh og Karim Hassan" when not; three or more adults as a list ("A, B og C").
 * The parents name the family; a household without a parent is named by its other adults.
 * Empty when there is no adult (a family is then named by its reference alone).
 */
export function familyName(people: readonly NamedPerson[], and: string): string {
  const parents = people.filter((p) => p.role === 'parent');
  const adults = parents.length ? parents : people.filter((p) => p.role === 'other_adult');
  if (adults.length === 0) return '';
  const lastNames = new Set(adults.map((a) => a.lastName));
  const names =
    lastNames.size === 1 && adults.length > 1
      ? adults.map((a, i) => (i === adults.length - 1 ? `${a.firstName} ${a.lastName}` : a.firstName))
      : adults.map((a) => `${a.firstName} ${a.lastName}`);
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} ${and} ${names.at(-1)}`;
}
