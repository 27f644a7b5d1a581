import { describe, expect, it } from 'vitest';
import { demoDefaults, generateMunicipality } from '../../../src/demo/generate';
import { journalOf } from '../../../src/demo/journal';
import { NewNote } from '../../../src/shared/journal/journal.contract';
import { noteBody } from './note-body';

describe('the demo journals', () => {
  const data = generateMunicipality(demoDefaults);
  const { notes, versions, participants } = journalOf(data);

  it('are the same on every run', () => {
    expect(journalOf(generateMunicipality(demoDefaults))).toEqual({ notes, versions, participants });
  });

  it('has notes, some sensitive, one corrected, each a note the contract accepts', () => {
    expect(notes.length).toBeGreaterThan(40);
    expect(notes.filter((n) => n.sensitive).length).toBeGreaterThan(3);
    expect(notes.filter((n) => n.version === 2)).toHaveLength(1);
    for (const n of notes) {
      const text = versions.find((v) => v.note_id === n.id && v.version === n.version)!.text;
      const parsed = NewNote.safeParse(noteBody(n, text));
      expect(parsed.error?.issues ?? [], n.id as string).toEqual([]);
      expect(n.occurred_on <= demoDefaults.today).toBe(true);
    }
    expect(participants.length).toBeGreaterThan(notes.length);
  });
});
