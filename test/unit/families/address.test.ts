import { describe, expect, it } from 'vitest';
import { floorLabel, formatAddress } from '../../../src/shared/families/address';

describe('a Danish address', () => {
  const base = { street: 'Bentesvej', buildingNumber: '25', entrance: 'B', door: 'th' };

  it('writes the ground floor "st." and the basement "kl.", whichever way they were typed', () => {
    for (const floor of ['0', 'st', 'st.', 'ST', 'stuen']) {
      expect(formatAddress({ ...base, floor })).toBe('Bentesvej 25 B, st. th');
    }
    for (const floor of ['-1', 'kl', 'kl.', 'kælder']) expect(floorLabel(floor)).toBe('kl.');
  });

  it('writes any other floor as its number with one dot, and leaves out what is missing', () => {
    expect(formatAddress({ ...base, floor: '3' })).toBe('Bentesvej 25 B, 3. th');
    expect(formatAddress({ ...base, floor: '3.' })).toBe('Bentesvej 25 B, 3. th');
    expect(formatAddress({ ...base, entrance: null, floor: null, door: null })).toBe('Bentesvej 25');
    expect(formatAddress({ ...base, floor: null })).toBe('Bentesvej 25 B, th');
  });
});
