import { describe, expect, it } from 'vitest';
import { demoDefaults, generateMunicipality } from '../../../src/demo/generate';
import { plansOf } from '../../../src/demo/plans';
import { Phone } from '../../../src/shared/families/families.contract';
import { NewDream, NewGoal, NewTask, TaskState } from '../../../src/shared/plans/plans.contract';

/** The demo's plans and tasks (src/demo/plans.ts): as the app would have written them, through its contracts. */
describe('demo plans', () => {
  const data = generateMunicipality(demoDefaults);
  const plans = plansOf(data, demoDefaults.today);

  it('is the same on every run', () => {
    expect(plansOf(generateMunicipality(demoDefaults), demoDefaults.today)).toEqual(plans);
  });

  it('writes dreams in the members’ own languages, each not in Danish with a Danish rendering, through the contract', () => {
    expect(new Set(plans.dreams.map((d) => d.language)).size).toBeGreaterThan(2);
    for (const d of plans.dreams) {
      const person = data.persons.find((p) => p.id === d.person_id)!;
      expect(person.household_id).toBe(d.household_id);
      expect([...person.languages, 'da']).toContain(d.language);
      if (d.language !== 'da') expect(d.danish).toBeTruthy();
      expect(
        NewDream.safeParse({
          version: 0,
          personId: d.person_id,
          words: d.words,
          language: d.language,
          danish: d.danish,
        }).success,
      ).toBe(true);
    }
  });

  it('gives goals the family’s priority, a date agreed and the adults who agreed, through the contract', () => {
    expect(plans.goals.length).toBeGreaterThan(0);
    for (const g of plans.goals) {
      const parsed = NewGoal.safeParse({
        version: 0,
        domainId: g.domain_id,
        words: g.words,
        priority: g.priority,
        agreedOn: g.agreed_on,
        agreedByPersonIds: g.agreed_by_person_ids,
      });
      expect(parsed.success, JSON.stringify(parsed.error)).toBe(true);
      expect((g.agreed_by_person_ids as string[]).length).toBeGreaterThan(0);
    }
  });

  it('numbers each family’s versions 1, 2, … and the last holds the plan as it stands', () => {
    const families = new Set(plans.versions.map((v) => v.household_id));
    for (const family of families) {
      const versions = plans.versions.filter((v) => v.household_id === family);
      expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
      const last = JSON.parse(versions.at(-1)!.snapshot as string);
      expect(last.dreams.map((d: { id: string }) => d.id)).toEqual(
        plans.dreams.filter((d) => d.household_id === family).map((d) => d.id),
      );
      expect(last.goals.map((g: { id: string }) => g.id)).toEqual(
        plans.goals.filter((g) => g.household_id === family).map((g) => g.id),
      );
    }
  });

  it('has tasks at all three levels and in every state, linked to the family’s goals, dropped ones with a reason', () => {
    expect(new Set(plans.tasks.map((t) => t.level))).toEqual(new Set([1, 2, 3]));
    expect(new Set(plans.tasks.map((t) => t.state))).toEqual(new Set(TaskState.options));
    for (const t of plans.tasks) {
      const goal = plans.goals.find((g) => g.id === t.goal_id)!;
      expect(goal.household_id).toBe(t.household_id);
      expect(t.state === 'dropped').toBe(Boolean(t.drop_reason));
      expect(
        NewTask.safeParse({ words: t.words, domainId: t.domain_id, level: t.level, dueOn: t.due_on }).success,
      ).toBe(true);
    }
    expect(plans.tasks.some((t) => t.routing_state === 'accepted' && t.routed_to)).toBe(true);
    expect(plans.helpers.length).toBeGreaterThan(0);
  });

  it('gives every team staff member a work phone the contract accepts', () => {
    expect(plans.workPhones.length).toBeGreaterThan(0);
    for (const { phone } of plans.workPhones) expect(Phone.safeParse(phone).success).toBe(true);
  });
});
