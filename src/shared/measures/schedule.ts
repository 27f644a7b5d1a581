/*
 * When a family's next measurement is due (issue 15 §5): the baseline at enrolment, a follow-up
 * every `months` months (default 6) after the latest baseline or follow-up, and one at exit.
 * Dates are calendar dates (yyyy-mm-dd), computed without time zones.
 */

export const DEFAULT_FOLLOW_UP_MONTHS = 6;
/** A measurement is listed as due this many days before its date (and stays listed once overdue). */
export const DUE_SOON_DAYS = 14;

export type Occasion = 'baseline' | 'follow_up' | 'exit';

export interface ScheduleInput {
  enrolledOn: string | null;
  exitedOn: string | null;
  measurements: readonly { occasion: Occasion; takenOn: string }[];
  months?: number;
}

export interface Due {
  occasion: Occasion;
  dueOn: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The date `months` calendar months after `date`; a day past the end of the target month is
 * its last day (2026-08-31 + 6 months = 2027-02-28).
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(Math.min(d, daysInMonth(year, month)))}`;
}

/** The date `days` days after `date`. */
export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + days);
  return t.toISOString().slice(0, 10);
}

/**
 * The family's next measurement: the baseline from enrolment until one is taken; after exit,
 * the exit measurement until it is taken (then nothing); otherwise a follow-up `months` after
 * the latest baseline or follow-up. A family never enrolled has nothing due.
 */
export function nextDue(input: ScheduleInput): Due | null {
  const { enrolledOn, exitedOn, measurements } = input;
  const months = input.months ?? DEFAULT_FOLLOW_UP_MONTHS;
  if (enrolledOn === null) return null;
  const has = (o: Occasion) => measurements.some((m) => m.occasion === o);
  if (!has('baseline')) return { occasion: 'baseline', dueOn: enrolledOn };
  if (exitedOn !== null) return has('exit') ? null : { occasion: 'exit', dueOn: exitedOn };
  if (has('exit')) return null;
  const latest = measurements
    .filter((m) => m.occasion !== 'exit')
    .map((m) => m.takenOn)
    .sort()
    .at(-1)!;
  return { occasion: 'follow_up', dueOn: addMonths(latest, months) };
}

/** Whether a due measurement is listed on "My work" today: within DUE_SOON_DAYS or overdue. */
export const isListedAsDue = (due: Due, today: string, soonDays = DUE_SOON_DAYS) =>
  due.dueOn <= addDays(today, soonDays);
