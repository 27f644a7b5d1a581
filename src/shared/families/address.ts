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
  const unit = [a.floor ? `${a.floor}.` : null, a.door].filter(Boolean).join(' ');
  return unit ? `${building}, ${unit}` : building;
}
