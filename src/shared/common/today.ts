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

export function today(): string {
  if (fixed) return fixed;
  const parts = Object.fromEntries(danish.formatToParts(new Date()).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** For tests: the day `today()` answers until it is released with null. */
export function fixToday(date: string | null): void {
  fixed = date;
}
