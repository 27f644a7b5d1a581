import { describe, expect, it } from 'vitest';
import { demoAppointments } from '../../../src/demo/appointments';
import { caseAppointmentsOf, caseNotesOf } from '../../../src/demo/casework';
import { demoDefaults, generateMunicipality } from '../../../src/demo/generate';
import { plansOf } from '../../../src/demo/plans';
import { addDays, copenhagenParts, isoWeekOf, mondayOf } from '../../../src/shared/journal/appointments.time';
import { NewNote, NoteKind, SensitiveCategory } from '../../../src/shared/journal/journal.contract';
import { type PlanChange, TaskState } from '../../../src/shared/plans/plans.contract';
import { noteBody } from './note-body';

/**
 * The demo's case work (src/demo/casework.ts, plans.ts; issue 14, decision 0046): every family
 * with a pair has a plan with a later change, tasks at all levels and in all states routed as the
 * level rule would, notes about them and appointments — an exited family's all ended by its exit.
 */
describe('the demo’s case work', () => {
  const data = generateMunicipality(demoDefaults);
  const today = demoDefaults.today;
  // A Wednesday after the data's "today": the day the demo is loaded.
  const day = '2026-12-09';
  const plans = plansOf(data, today);
  const notes = caseNotesOf(data, plans, today);
  const appointments = caseAppointmentsOf(data, plans, day);
  const gellerup = data.households.filter((h) => h.team_id === data.team.id && h.status === 'enrolled');
  const exited = data.households.filter((h) => h.status === 'exited');
  const pairOf = new Map(data.pairs.map((p) => [p.household_id, p]));
  const householdOf = new Map(data.households.map((h) => [h.id, h]));
  const dayOfInstant = (d: unknown) => (d as Date).toISOString().slice(0, 10);

  it('is the same on every run', () => {
    const again = generateMunicipality(demoDefaults);
    const againPlans = plansOf(again, today);
    expect(againPlans).toEqual(plans);
    expect(caseNotesOf(again, againPlans, today)).toEqual(notes);
    expect(caseAppointmentsOf(again, againPlans, day)).toEqual(appointments);
  });

  it('gives every one of Gellerup’s 62 enrolled families dreams per adult, goals with a job among them, a later plan change, tasks, notes and appointments', () => {
    expect(gellerup).toHaveLength(62);
    const employment = data.domains.find((d) => d.code === 'employment')!.id;
    for (const h of gellerup) {
      const adults = data.persons.filter((p) => p.household_id === h.id && p.household_role !== 'child');
      const dreamers = new Set(plans.dreams.filter((d) => d.household_id === h.id).map((d) => d.person_id));
      for (const a of adults) expect(dreamers.has(a.id), h.reference).toBe(true);
      const goals = plans.goals.filter((g) => g.household_id === h.id);
      expect(goals.length).toBeGreaterThanOrEqual(3);
      expect(goals.map((g) => g.domain_id)).toContain(employment);
      const changes = plans.versions
        .filter((v) => v.household_id === h.id)
        .flatMap((v) => JSON.parse(v.changes as string) as PlanChange[]);
      expect(changes.some((c) => c.action === 'edit')).toBe(true);
      expect(plans.tasks.filter((t) => t.household_id === h.id).length).toBeGreaterThanOrEqual(4);
      expect(notes.notes.filter((n) => n.household_id === h.id).length).toBeGreaterThanOrEqual(3);
      expect(appointments.appointments.filter((a) => a.household_id === h.id).length).toBeGreaterThanOrEqual(
        3,
      );
    }
  });

  it('renders every dream not said in Danish in Danish, some of them in another language the person speaks', () => {
    const other = plans.dreams.filter((d) => d.language !== 'da');
    expect(new Set(other.map((d) => d.language)).size).toBeGreaterThanOrEqual(5);
    for (const d of other) {
      expect(d.danish).toBeTruthy();
      expect(data.persons.find((p) => p.id === d.person_id)!.languages).toContain(d.language);
    }
  });

  it('has tasks at levels 1–3 in all six states, routed as the level rule would: a specialist outside the pair with the level in the domain', () => {
    expect(new Set(plans.tasks.map((t) => t.level))).toEqual(new Set([1, 2, 3]));
    expect(new Set(plans.tasks.map((t) => t.state))).toEqual(new Set(TaskState.options));
    const levels = new Map(data.staffCompetences.map((c) => [`${c.user_id}:${c.domain_id}`, c.level]));
    const routed = plans.tasks.filter((t) => t.routed_to);
    expect(new Set(routed.map((t) => t.routing_state))).toEqual(
      new Set(['asked', 'accepted', 'handed_back']),
    );
    expect(new Set(routed.map((t) => t.level))).toEqual(new Set([2, 3]));
    for (const t of routed) {
      const pair = pairOf.get(t.household_id)!;
      expect([pair.first_member_id, pair.second_member_id]).not.toContain(t.routed_to);
      expect(levels.get(`${t.routed_to}:${t.domain_id}`) ?? 0).toBeGreaterThanOrEqual(t.level);
      expect(Boolean(t.hand_back_reason)).toBe(t.routing_state === 'handed_back');
      if (t.routing_state === 'asked') expect(t.state).toBe('open');
    }
    expect(plans.tasks.filter((t) => t.routing_state === 'handed_back').length).toBeGreaterThanOrEqual(1);
    for (const t of plans.tasks.filter((t) => t.state === 'dropped')) expect(t.drop_reason).toBeTruthy();
  });

  it('writes each task’s history as the routes do: a create, then updates ending at the task’s state and routing, its version one more than the updates', () => {
    for (const t of plans.tasks) {
      const entries = plans.history.filter((e) => e.entity_id === t.id);
      expect(entries[0]!.action).toBe('create');
      const updates = entries.slice(1);
      expect(t.version).toBe(1 + updates.length);
      const lastOf = (field: string, initial: unknown) =>
        updates
          .flatMap((e) => JSON.parse(e.changes as string) as { field: string; to: unknown }[])
          .filter((c) => c.field === field)
          .reduce((_, c) => c.to, initial);
      expect(lastOf('state', 'open')).toBe(t.state);
      expect(lastOf('routingState', 'none')).toBe(t.routing_state);
      const times = entries.map((e) => (e.changed_at as Date).getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    }
  });

  it('closes an exited family’s tasks and dates its plan, tasks and notes no later than its exit', () => {
    expect(exited.length).toBeGreaterThan(0);
    for (const h of exited) {
      const tasks = plans.tasks.filter((t) => t.household_id === h.id);
      expect(tasks.length).toBeGreaterThan(0);
      for (const t of tasks) expect(['done', 'dropped']).toContain(t.state);
      const dates = [
        ...plans.versions.filter((v) => v.household_id === h.id).map((v) => dayOfInstant(v.changed_at)),
        ...plans.history.filter((e) => e.household_id === h.id).map((e) => dayOfInstant(e.changed_at)),
        ...notes.notes.filter((n) => n.household_id === h.id).map((n) => n.occurred_on as string),
        ...appointments.appointments
          .filter((a) => a.household_id === h.id)
          .map((a) => copenhagenParts(a.starts_at as Date).date),
      ];
      for (const d of dates) expect(d <= h.exited_on! && d >= h.enrolled_on, h.reference).toBe(true);
    }
  });

  it('has notes of every kind the contract accepts, some with an interpreter, some sensitive with a category and linked to a routed task', () => {
    expect(new Set(notes.notes.map((n) => n.kind))).toEqual(new Set(NoteKind.options));
    expect(notes.notes.some((n) => n.interpreter_used)).toBe(true);
    const sensitive = notes.notes.filter((n) => n.sensitive);
    expect(sensitive.length).toBeGreaterThan(5);
    expect(sensitive.length).toBeLessThan(notes.notes.length / 4);
    expect(new Set(sensitive.map((n) => n.sensitive_category)).size).toBeGreaterThanOrEqual(3);
    const taskOf = new Map(plans.tasks.map((t) => [t.id, t]));
    for (const n of sensitive) {
      expect(SensitiveCategory.options).toContain(n.sensitive_category);
      const linked = notes.links.filter((l) => l.note_id === n.id).map((l) => taskOf.get(l.task_id)!);
      expect(linked.some((t) => t.routed_to && t.routing_state !== 'handed_back')).toBe(true);
    }
    for (const n of notes.notes) {
      const text = notes.versions.find((v) => v.note_id === n.id)!.text;
      const parsed = NewNote.safeParse(noteBody(n, text));
      expect(parsed.error?.issues ?? []).toEqual([]);
      const h = householdOf.get(n.household_id)!;
      expect((n.occurred_on as string) > h.enrolled_on && (n.occurred_on as string) <= today).toBe(true);
    }
    for (const l of notes.links) {
      const note = notes.notes.find((n) => n.id === l.note_id)!;
      expect(taskOf.get(l.task_id)!.household_id).toBe(note.household_id);
    }
  });

  it('has appointments held and coming, on weekdays in working hours, and one this week for every team member and leader', () => {
    const days = appointments.appointments.map((a) => copenhagenParts(a.starts_at as Date));
    expect(days.some((d) => d.date < day)).toBe(true);
    expect(days.some((d) => d.date > day)).toBe(true);
    for (const d of days) {
      expect([1, 2, 3, 4, 5]).toContain(new Date(`${d.date}T00:00:00Z`).getUTCDay());
      expect(d.time >= '08:00' && d.time <= '14:30').toBe(true);
    }
    // With the shared seed's appointments (appointments.ts), which the demo loads first.
    const shared = demoAppointments(data, day);
    const all = [...shared.appointments, ...appointments.appointments];
    const monday = mondayOf(isoWeekOf(day))!;
    const thisWeek = new Set(
      all
        .filter((a) => {
          const on = copenhagenParts(a.starts_at as Date).date;
          return on >= monday && on <= addDays(monday, 6);
        })
        .map((a) => a.id),
    );
    const busy = new Set(
      [...shared.participants, ...appointments.participants]
        .filter((p) => thisWeek.has(p.appointment_id))
        .map((p) => p.user_id),
    );
    const staff = data.users.filter((u) => u.role === 'team_member' || u.role === 'team_leader');
    expect(staff.filter((u) => !busy.has(u.id)).map((u) => u.username)).toEqual([]);
    const kinds = new Set(appointments.appointments.map((a) => a.other_authority));
    for (const where of ['Jobcenter Aarhus', 'Skolen', 'Egen læge', 'Gældsrådgivningen', 'Fritidsklubben'])
      expect(kinds).toContain(where);
  });
});
