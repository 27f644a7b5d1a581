import type { Funnel, FunnelMonth, FunnelStages } from './funnel.contract';

/**
 * Small-cell suppression of the funnel for analysts (DESIGN.md §6, EVALUATION.md §2; decision
 * 0050). No published figure may be below the threshold, nor any figure that can be derived from
 * published ones: the stages are nested, so the difference of two shown stages (contacted but
 * not talked …) is itself a figure, and a month's cell is the column's total less the other months.
 * Zero counts as below the threshold: "0 of 12 talked" tells as much about the 12 as "1 of 12".
 */
export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

/**
 * A chain of nested counts (each ≤ the one before): a count is shown when it and its difference
 * to the last shown count before it are both at least the threshold. The last shown is the
 * smallest shown so far, so every difference between two shown counts is at least as large.
 */
export function suppressChain(counts: number[], threshold: number): (number | null)[] {
  let last: number | null = null;
  return counts.map((n) => {
    const shown = n >= threshold && (last === null || last - n >= threshold);
    if (shown) last = n;
    return shown ? n : null;
  });
}

/**
 * Complementary suppression of one column whose total is published: when the hidden cells could
 * be told from the total (one hidden, or hidden ones summing to less than the threshold), the
 * smallest shown cells are hidden too until they cannot. Returns the indexes to hide.
 */
export function complementOf(raw: number[], shown: (number | null)[], threshold: number): Set<number> {
  const hide = new Set<number>();
  const hidden = () => raw.filter((_, i) => shown[i] === null || hide.has(i));
  for (;;) {
    const h = hidden();
    const sum = h.reduce((a, b) => a + b, 0);
    if (h.length === 0 || (h.length > 1 && sum >= threshold)) return hide;
    const candidates = raw
      .map((n, i) => ({ n, i }))
      .filter(({ i }) => shown[i] !== null && !hide.has(i))
      .sort((a, b) => a.n - b.n || a.i - b.i);
    const next = candidates[0];
    if (!next) return hide;
    hide.add(next.i);
  }
}

const STAGE_KEYS = ['eligible', 'contacted', 'talked', 'interested', 'enrolled'] as const;
const MONTH_KEYS = ['contacted', 'talked', 'interested', 'enrolled'] as const;

type RawStages = { [K in keyof FunnelStages]: number };
type RawMonth = { month: string } & { [K in Exclude<keyof FunnelMonth, 'month'>]: number };

/** The funnel as the query counts it: every figure known. */
export interface RawFunnel {
  cut: Funnel['cut'];
  stages: RawStages;
  months: RawMonth[];
  reasons: { reason: Funnel['reasons'][number]['reason']; count: number }[];
  timeToEnrolment: { n: number; median: number | null; p75: number | null };
  enrolledWithoutVisit: number;
  comparison: number;
}

/** Team staff's view: every count as it is; the comparison group is not theirs to see. */
export function unsuppressed(raw: RawFunnel): Funnel {
  const { comparison: _comparison, ...rest } = raw;
  return { ...rest, suppressedBelow: null };
}

/** The analyst's view: the same figures with every small or derivable cell hidden. */
export function suppressed(raw: RawFunnel, threshold: number, showComparison: boolean): Funnel {
  const t = threshold;
  const stageValues = suppressChain(
    STAGE_KEYS.map((k) => raw.stages[k]),
    t,
  );
  const stages = Object.fromEntries(STAGE_KEYS.map((k, i) => [k, stageValues[i]!])) as FunnelStages;

  // Each month is a chain of its own (contacted ⊇ talked ⊇ interested ⊇ enrolled), and its
  // "no" count a cell of its own; then each column against its total (the stages above).
  const months: FunnelMonth[] = raw.months.map((m) => {
    const chain = suppressChain(
      MONTH_KEYS.map((k) => m[k]),
      t,
    );
    return {
      month: m.month,
      contacted: chain[0]!,
      talked: chain[1]!,
      interested: chain[2]!,
      enrolled: chain[3]!,
      notInterested: m.notInterested >= t ? m.notInterested : null,
    };
  });
  for (const key of [...MONTH_KEYS, 'notInterested'] as const) {
    const column = raw.months.map((m) => m[key]);
    const shown = months.map((m) => m[key]);
    for (const i of complementOf(column, shown, t)) months[i]![key] = null;
  }

  const reasonCounts = raw.reasons.map((r) => (r.count >= t ? r.count : null));
  for (const i of complementOf(
    raw.reasons.map((r) => r.count),
    reasonCounts,
    t,
  ))
    reasonCounts[i] = null;
  const reasons = raw.reasons.map((r, i) => ({ reason: r.reason, count: reasonCounts[i]! }));

  const time = raw.timeToEnrolment;
  const timeShown = time.n >= t;
  return {
    cut: raw.cut,
    stages,
    months,
    reasons,
    timeToEnrolment: {
      n: timeShown ? time.n : null,
      median: timeShown ? time.median : null,
      p75: timeShown ? time.p75 : null,
    },
    enrolledWithoutVisit: raw.enrolledWithoutVisit >= t ? raw.enrolledWithoutVisit : null,
    ...(showComparison ? { comparison: raw.comparison >= t ? raw.comparison : null } : {}),
    suppressedBelow: t,
  };
}
