import type { Insertable, Transaction } from 'kysely';
import type {
  Database,
  JournalNoteParticipantTable,
  JournalNoteTable,
  JournalNoteVersionTable,
} from '../db/schema';
import type { GeneratedMunicipality } from './generate';
import { seededRandom } from './random';

/** How many of the demo's enrolled families get a journal: enough to show it, few enough to seed fast. */
const FAMILIES_WITH_NOTES = 24;

const PLAIN: { kind: string; text: string; role?: string }[] = [
  {
    kind: 'home_visit',
    text: 'Hjemmebesøg. Vi talte om familiens ønsker for det næste halve år og aftalte at mødes igen om to uger.',
  },
  {
    kind: 'office',
    text: 'Samtale på kontoret om jobsøgning. Forælderen vil gerne have hjælp til at skrive et CV.',
  },
  {
    kind: 'phone',
    text: 'Telefonsamtale: familien har fået brev fra boligselskabet og beder om hjælp til at forstå det.',
  },
  { kind: 'text', text: 'Sms fra forælderen: barnet er sygt, så mødet i morgen flyttes til næste uge.' },
  {
    kind: 'network_meeting',
    text: 'Netværksmøde med skolen om barnets fravær. Skolen tilbyder lektiecafé to dage om ugen.',
    role: 'Skolelærer',
  },
  {
    kind: 'authority_meeting',
    text: 'Møde med Jobcenteret om praktikforløb. Næste skridt: virksomhedsbesøg.',
    role: 'Jobkonsulent',
  },
];

const SENSITIVE: { kind: string; text: string; category: string; role?: string }[] = [
  {
    kind: 'office',
    text: 'Forælderen fortalte om angst og søvnproblemer. Vi aftalte at hjælpe med at bestille tid hos egen læge.',
    category: 'health',
  },
  {
    kind: 'home_visit',
    text: 'Forælderen fortalte om uro og trusler i hjemmet. Vi gennemgik mulighederne for hjælp og krisecenter.',
    category: 'violence',
  },
  {
    kind: 'authority_meeting',
    text: 'Møde med kriminalforsorgen om den ene voksnes vilkår. Familien ønsker ikke, at det deles bredt.',
    category: 'criminal',
    role: 'Kriminalforsorgen',
  },
];

const DAY_MS = 86_400_000;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** A uuid from the demo's own random sequence: the same notes on every machine. */
function uuid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * The demo families' journals (decision 0037): a few contact notes each — home visits, calls, a
 * network meeting — written by the first of the pair, with the family's adults present, an
 * interpreter where a member needs one, and some of them sensitive (health, violence, criminal
 * matters), one corrected; so the journal, its sensitive notes and a correction can be seen.
 */
export function journalOf(data: GeneratedMunicipality) {
  const r = seededRandom(data.households.length * 31 + 5);
  const notes: Insertable<JournalNoteTable>[] = [];
  const versions: Insertable<JournalNoteVersionTable>[] = [];
  const participants: Insertable<JournalNoteParticipantTable>[] = [];
  const pairOf = new Map(data.pairs.map((p) => [p.household_id, p]));
  // The latest day the data knows: no note is dated after it.
  const lastDay =
    data.households
      .map((h) => h.enrolled_on)
      .sort()
      .at(-1) ?? '';
  const families = data.households.filter((h) => h.status === 'enrolled' && pairOf.has(h.id));
  families.slice(0, FAMILIES_WITH_NOTES).forEach((h, f) => {
    const pair = pairOf.get(h.id)!;
    const adults = data.persons.filter((p) => p.household_id === h.id && p.household_role !== 'child');
    const needsInterpreter = adults.find((p) => p.interpreter_needed && p.languages.length > 0);
    const count = r.int(2, 4);
    for (let i = 0; i < count; i++) {
      const sensitive = i === 1 && f % 3 === 0 ? SENSITIVE[f % SENSITIVE.length]! : null;
      const plain = PLAIN[(f + i) % PLAIN.length]!;
      const note = sensitive ?? plain;
      const id = uuid(r.next);
      const occurredOn = [addDays(h.enrolled_on, 7 + i * 21), lastDay].sort()[0]!;
      const at = new Date(`${occurredOn}T14:00:00Z`);
      const interpreter = needsInterpreter && note.kind !== 'text' ? needsInterpreter.languages[0]! : null;
      notes.push({
        municipality_id: h.municipality_id,
        id,
        household_id: h.id,
        occurred_on: occurredOn,
        kind: note.kind,
        interpreter_used: interpreter !== null,
        interpreter_language: interpreter,
        sensitive: sensitive !== null,
        sensitive_category: sensitive?.category ?? null,
        version: 1,
        created_by: pair.first_member_id,
        created_at: at,
        updated_at: at,
      });
      versions.push({
        municipality_id: h.municipality_id,
        note_id: id,
        version: 1,
        text: note.text,
        written_by: pair.first_member_id,
        written_at: at,
      });
      const present = [
        ...adults.map((p) => ({ kind: 'member' as const, person_id: p.id, staff_id: null, role: null })),
        { kind: 'staff' as const, person_id: null, staff_id: pair.first_member_id, role: null },
        ...(note.role ? [{ kind: 'other' as const, person_id: null, staff_id: null, role: note.role }] : []),
      ];
      for (const [position, p] of present.entries())
        participants.push({ municipality_id: h.municipality_id, note_id: id, position, ...p });
    }
  });
  // One note corrected, so an earlier version can be seen.
  const corrected = notes[0];
  if (corrected) {
    const at = new Date((corrected.created_at as Date).getTime() + DAY_MS);
    corrected.version = 2;
    corrected.updated_at = at;
    versions.push({
      municipality_id: corrected.municipality_id,
      note_id: corrected.id as string,
      version: 2,
      text: `${versions[0]!.text} Rettelse: mødet er flyttet til torsdag.`,
      written_by: corrected.created_by,
      written_at: at,
    });
  }
  return { notes, versions, participants };
}

/** Writes the demo journals in the seed's transaction. */
export async function seedJournal(trx: Transaction<Database>, data: GeneratedMunicipality) {
  const { notes, versions, participants } = journalOf(data);
  if (notes.length === 0) return;
  await trx.insertInto('journal_note').values(notes).execute();
  await trx.insertInto('journal_note_version').values(versions).execute();
  if (participants.length > 0)
    await trx.insertInto('journal_note_participant').values(participants).execute();
}
