export interface AddressParts {
  street: string;
  buildingNumber: string;
  entrance: string | null;
  floor: string | null;
  door: string | null;
}

/** Danish address order: "Dortesvej 12 B, 3. tv." (street number, entrance, then floor and door). */
export function formatAddress(a: AddressParts): string {
  const building = [a.street, a.buildingNumber, a.entrance].filter(Boolean).join(' ');
  const unit = [a.floor ? floorLabel(a.floor) : null, a.door].filter(Boolean).join(' ');
  return unit ? `${building}, ${unit}` : building;
}

/**
 * A floor as Danish addresses write it (DAR, the address register): the ground floor is "st."
 * (stuen), the basement "kl." (kælder), any other floor its number with a dot ("3."). What was
 * typed is kept otherwise ("st", "0", "st." and "ST" all read "st.").
 */
export function floorLabel(floor: string): string {
  const f = floor.trim().replace(/\.$/, '').toLowerCase();
  if (f === '0' || f === 'st' || f === 'stuen') return 'st.';
  if (f === '-1' || f === 'k' || f === 'kl' || f === 'kælder') return 'kl.';
  return `${floor.trim().replace(/\.$/, '')}.`;
}
