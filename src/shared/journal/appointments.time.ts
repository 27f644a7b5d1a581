/*
 * Appointment times as people in Denmark say them: a date and a clock time in Europe/Copenhagen,
 * whatever the browser's or the server's zone (decision 0038). Weeks are ISO 8601 weeks (Danish
 * "uge 50": Monday to Sunday, week 1 holds 4 January). Pure functions, used by the server (the
 * week's bounds, the ICS file) and the web app (week navigation) alike.
 */

const ZONE = 'Europe/Copenhagen';
const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

const DAY = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The date and clock time in Copenhagen of an instant: `{ date: '2026-12-07', time: '09:30' }`. */
export function copenhagenParts(instant: Date): { date: string; time: string } {
  const p = Object.fromEntries(parts.formatToParts(instant).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/**
 * The instant of a Copenhagen date and clock time (`2026-03-29`, `09:30`). Copenhagen is UTC+1 or
 * UTC+2: of the two candidates, the earliest that reads back as that date and time (an hour that
 * occurs twice in autumn is its first occurrence); a time that does not exist (the hour skipped
 * in spring) is taken at UTC+1, which lands it an hour later.
 */
export function copenhagenInstant(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  const hour = 3_600_000;
  for (const candidate of [wall - 2 * hour, wall - hour]) {
    const back = copenhagenParts(new Date(candidate));
    if (back.date === date && back.time === time) return new Date(candidate);
  }
  return new Date(wall - hour);
}

/** Adds days to an ISO date. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY).toISOString().slice(0, 10);
}

/** The ISO week of a date: `2026-W50`. */
export function isoWeekOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  // The week's Thursday decides its year.
  const thursday = new Date(day.getTime() + (3 - weekday) * DAY);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY / 7);
  return `${year}-W${pad(week)}`;
}

export const ISO_WEEK = /^(\d{4})-W(\d{2})$/;

/** The Monday (an ISO date) of an ISO week, or null when there is no such week (`2026-W54`). */
export function mondayOf(week: string): string | null {
  const match = ISO_WEEK.exec(week);
  if (!match) return null;
  const year = Number(match[1]);
  const n = Number(match[2]);
  const jan4 = Date.UTC(year, 0, 4);
  const weekOneMonday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  const monday = new Date(weekOneMonday + (n - 1) * 7 * DAY).toISOString().slice(0, 10);
  return n >= 1 && isoWeekOf(monday) === week ? monday : null;
}

/** The week before or after: `shiftWeek('2026-W01', -1)` is `2025-W53`. */
export function shiftWeek(week: string, by: number): string {
  return isoWeekOf(addDays(mondayOf(week)!, by * 7));
}
