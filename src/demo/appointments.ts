import type { Insertable, Transaction } from 'kysely';
import type { AppointmentKind, AppointmentParticipantTable, AppointmentTable, Database } from '../db/schema';
import { today } from '../shared/common/today';
import { addDays, copenhagenInstant, isoWeekOf, mondayOf } from '../shared/journal/appointments.time';
import type { GeneratedMunicipality } from './generate';
import { seededRandom } from './random';

const KINDS: AppointmentKind[] = [
  'home_visit',
  'home_visit',
  'office_meeting',
  'network_meeting',
  'phone_call',
];
const AUTHORITIES = ['Jobcenter Aarhus', 'Skolen', 'Boligselskabet', 'Ydelsescentret', 'Sundhedsplejen'];
const PLACES = ['Hjemme hos familien', 'Teamets kontor', 'Jobcentret', 'Skolen', 'Biblioteket'];
const TITLES = [
  'Opfølgning på planen',
  'Samtale om job og praktik',
  'Forberedelse til skolemøde',
  'Gennemgang af økonomien',
  null,
  null,
];

/** A uuid from the seeded generator: the same demo on every machine (given the same day). */
function uuid(next: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(next() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

/**
 * The demo's appointments (issue 14 §6): for about two in three families with a pair, one or two
 * in the weeks around this one (last week to two weeks ahead), weekdays in working hours, with
 * the pair — so "My appointments this week" has something to show on the day the demo is loaded.
 * Deterministic from the municipality's seed and the day.
 */
export function demoAppointments(data: GeneratedMunicipality, day = today()) {
  const r = seededRandom(data.households.length * 31 + 17);
  const monday = mondayOf(isoWeekOf(day))!;
  const appointments: Insertable<AppointmentTable>[] = [];
  const participants: Insertable<AppointmentParticipantTable>[] = [];
  const m = data.municipality.id;
  for (const pair of data.pairs) {
    if (r.next() > 0.66) continue;
    const count = r.int(1, 2);
    for (let i = 0; i < count; i++) {
      const date = addDays(monday, r.int(-1, 2) * 7 + r.int(0, 4));
      const hour = r.int(8, 14);
      const start = `${String(hour).padStart(2, '0')}:${r.pick(['00', '30'])}`;
      const end = `${String(hour + 1).padStart(2, '0')}:${start.slice(3)}`;
      const kind = r.pick(KINDS);
      const withAuthority = kind === 'network_meeting' || r.next() < 0.15;
      const id = uuid(r.next);
      appointments.push({
        municipality_id: m,
        id,
        household_id: pair.household_id,
        kind,
        title: r.pick(TITLES),
        other_authority: withAuthority ? r.pick(AUTHORITIES) : null,
        place: kind === 'home_visit' ? PLACES[0]! : kind === 'phone_call' ? null : r.pick(PLACES.slice(1)),
        starts_at: copenhagenInstant(date, start),
        ends_at: copenhagenInstant(date, end),
        created_by: pair.first_member_id,
      });
      const people = r.next() < 0.5 ? [pair.first_member_id, pair.second_member_id] : [pair.first_member_id];
      for (const user_id of people) participants.push({ municipality_id: m, appointment_id: id, user_id });
    }
  }
  return { appointments, participants };
}

/** Writes the demo's appointments in the seeding's transaction. */
export async function seedAppointments(trx: Transaction<Database>, data: GeneratedMunicipality) {
  const { appointments, participants } = demoAppointments(data);
  for (let i = 0; i < appointments.length; i += 500)
    await trx
      .insertInto('appointment')
      .values(appointments.slice(i, i + 500))
      .execute();
  for (let i = 0; i < participants.length; i += 500)
    await trx
      .insertInto('appointment_participant')
      .values(participants.slice(i, i + 500))
      .execute();
}
