/**
 * Danish CPR numbers: DDMMYY-SSSS. Since 2007 the modulus-11 check no longer holds for
 * every number, so we validate the format and that the date part is a real date.
 * A CPR number is personal data: never put it in a URL or a log; show it masked in lists.
 */
const pattern = /^(\d{2})(\d{2})(\d{2})-?(\d{4})$/;

export function normaliseCpr(input: string): string | null {
  const m = pattern.exec(input.trim());
  if (!m) return null;
  const [, dd, mm, yy, seq] = m as unknown as [string, string, string, string, string];
  const day = Number(dd);
  const month = Number(mm);
  const year = 2000 + Number(yy); // leap-year check only; any century with the same parity works
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${dd}${mm}${yy}-${seq}`;
}

export function isValidCpr(input: string): boolean {
  return normaliseCpr(input) !== null;
}

/** "010203-****": the date part stays, as caseworkers recognise people by it. */
export function maskCpr(cpr: string | null): string | null {
  if (!cpr) return null;
  return `${cpr.slice(0, 6)}-****`;
}

/**
 * The birth date a CPR number stands for (YYYY-MM-DD): DDMMYY are its first six digits, and
 * the 7th digit with YY gives the century, as the CPR register assigns them:
 * 0–3 → 1900–1999; 4 and 9 → 2000–2036, else 1937–1999; 5–8 → 2000–2057, else 1858–1899.
 * Null for a number that is not a valid CPR number.
 */
export function cprBirthDate(input: string): string | null {
  const cpr = normaliseCpr(input);
  if (!cpr) return null;
  const yy = Number(cpr.slice(4, 6));
  const seventh = Number(cpr[7]);
  const century =
    seventh <= 3 ? 1900 : seventh === 4 || seventh === 9 ? (yy <= 36 ? 2000 : 1900) : yy <= 57 ? 2000 : 1800;
  return `${century + yy}-${cpr.slice(2, 4)}-${cpr.slice(0, 2)}`;
}
