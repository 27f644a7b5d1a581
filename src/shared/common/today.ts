/**
 * Today's date where the programme works (Denmark), as an ISO date (YYYY-MM-DD). Contracts
 * judge "not in the future" by it — on the server and in the browser alike, so the rule is
 * written once. Denmark's date, not UTC's: just after midnight in Aarhus it is already the next
 * day, and a date typed as today must not count as tomorrow.
 *
 * Tests fix the day with `fixToday` (and release it with `fixToday(null)`): no test may depend on
 * the wall clock.
 */
const danish = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

let fixed: string | null = null;

/*
 * Formatting a date in a time zone costs tens of microseconds, and the server asks on every
 * family request (the list's and the access check's "covers today", decision 0043). Denmark's
 * offsets from UTC are whole hours, so its date can only change on a whole minute of the clock:
 * the answer is kept for the minute it was made in, which is exact, not an approximation.
 */
let madeInMinute = Number.NaN;
let madeDay = '';

export function today(): string {
  if (fixed) return fixed;
  const now = Date.now();
  const minute = Math.floor(now / 60_000);
  if (minute !== madeInMinute) {
    const parts = Object.fromEntries(danish.formatToParts(now).map((p) => [p.type, p.value]));
    madeDay = `${parts.year}-${parts.month}-${parts.day}`;
    madeInMinute = minute;
  }
  return madeDay;
}

/** For tests: the day `today()` answers until it is released with null. */
export function fixToday(date: string | null): void {
  fixed = date;
}
