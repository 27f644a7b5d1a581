import { cprBirthDate } from './cpr';

/*
 * The family register's rules that span several fields or several members, written once: the
 * contract applies them to what a request carries, the server to the stored record merged with
 * a change (families.routes.ts, families.members.routes.ts). Each answers with the field in
 * error and an i18n key.
 */

/** Nobody alive in the register was born before 1900; an earlier year is a typing error. */
export const EARLIEST_BIRTH_DATE = '1900-01-01';
/**
 * Enrolments, exits and consents belong to the programme, which is of this century: a date
 * before 2000 is a typing error (1800, or 0202 for 2020) even for a case registered late.
 */
export const EARLIEST_PROGRAMME_DATE = '2000-01-01';

/** A household of more people than this is a typing error (or several families): refused. */
export const MAX_MEMBERS = 20;

export interface RuleProblem {
  field: string;
  key: string;
}

/** `undefined` is "not known here" (a partial update): rules that need it are not applied. */
export interface StatusDates {
  status?: 'enrolled' | 'exited';
  enrolledOn?: string | null;
  exitedOn?: string | null;
}

/**
 * An exited family has an exit date, an enrolled one has none, and the exit is on or after the
 * enrolment. Every problem is on exitedOn: it is the date that is missing, extra or too early.
 */
export function statusDateProblems(v: StatusDates): RuleProblem[] {
  if (v.status === 'exited' && v.exitedOn === null)
    return [{ field: 'exitedOn', key: 'errors.exitDateRequired' }];
  if (v.status === 'enrolled' && v.exitedOn)
    return [{ field: 'exitedOn', key: 'errors.exitDateWhileEnrolled' }];
  if (v.enrolledOn && v.exitedOn && v.exitedOn < v.enrolledOn)
    return [{ field: 'exitedOn', key: 'errors.exitBeforeEnrol' }];
  return [];
}

/** A CPR number's first seven digits must give the person's birth date (cpr.ts). */
export function cprMatchesBirthDate(cpr: string | null | undefined, birthDate: string | undefined): boolean {
  if (!cpr || !birthDate) return true;
  const fromCpr = cprBirthDate(cpr);
  return fromCpr === null || fromCpr === birthDate;
}

export interface HouseholdPerson {
  role: 'parent' | 'other_adult' | 'child';
  birthDate: string;
}

export type HouseholdProblem =
  | { kind: 'noAdult' }
  | { kind: 'childNotYounger'; child: number; parent: number };

/**
 * A household has at least one adult (a parent or another adult), and every child is younger
 * than every parent (born later). Other adults — a grandparent, an adult sibling, a lodger —
 * are not compared: they may be older or younger than the children.
 */
export function householdProblems(members: readonly HouseholdPerson[]): HouseholdProblem[] {
  const problems: HouseholdProblem[] = [];
  if (members.length > 0 && !members.some((m) => m.role !== 'child')) problems.push({ kind: 'noAdult' });
  members.forEach((child, c) => {
    if (child.role !== 'child') return;
    members.forEach((parent, p) => {
      if (parent.role === 'parent' && child.birthDate <= parent.birthDate)
        problems.push({ kind: 'childNotYounger', child: c, parent: p });
    });
  });
  return problems;
}
