import { describe, expect, it } from 'vitest';
import { changesOf, personColumns } from '../../../src/server/families/families.columns';

describe("a family's history entries (changesOf)", () => {
  it('records no change between no languages stored and an empty list sent, either way', () => {
    expect(changesOf(personColumns, { languages: null }, { languages: [] })).toEqual([]);
    expect(changesOf(personColumns, { languages: [] }, { languages: [] })).toEqual([]);
  });

  it('records a real change of languages, and of other fields, from the stored value to the sent one', () => {
    expect(changesOf(personColumns, { languages: ['da'] }, { languages: [] })).toEqual([
      { field: 'languages', from: ['da'], to: [] },
    ]);
    expect(
      changesOf(
        personColumns,
        { languages: null, first_name: 'Amal' },
        { languages: ['ar'], firstName: 'Amira' },
      ),
    ).toEqual([
      { field: 'firstName', from: 'Amal', to: 'Amira' },
      { field: 'languages', from: null, to: ['ar'] },
    ]);
  });

  it('leaves out fields that were not sent', () => {
    expect(changesOf(personColumns, { first_name: 'Amal' }, {})).toEqual([]);
  });
});
