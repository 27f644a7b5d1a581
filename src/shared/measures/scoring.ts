/*
 * How an instrument's answers become its score (EVALUATION.md §1, "Instruments in
 * measures.csv"), as pure functions the server applies on save and the web app shows while the
 * answers are typed. An instrument is data (decision 0044): its items, its answer scale and its
 * scoring rule; the rules themselves are here, few and fixed.
 *
 * - `single`: one item, the score is the answer (NETWORK 1–4; HEALTH_SELF_MANAGEMENT and
 *   STAFF_WELLBEING 0–10);
 * - `sum`: the raw sum of the items;
 * - `sum_times_4`: the raw sum × 4 (WHO-5: five items 0–5, raw 0–25, score 0–100).
 *
 * A score is made only from a complete set of answers on the scale: a missing or off-scale
 * answer gives no score (and the server refuses it, naming the item), never a guessed one.
 */

export const SCORINGS = ['single', 'sum', 'sum_times_4'] as const;
export type Scoring = (typeof SCORINGS)[number];

/** What scoring needs of an instrument: its rule, its scale and how many items it has. */
export interface ScoringRule {
  scoring: Scoring;
  scaleMin: number;
  scaleMax: number;
  items: number;
}

/** Why answers give no score: which item (0-based) is missing or off the scale, or the count is wrong. */
export type ScoreProblem =
  | { kind: 'itemCount'; expected: number; actual: number }
  | { kind: 'missing'; item: number }
  | { kind: 'offScale'; item: number };

export type ScoreResult = { ok: true; score: number } | { ok: false; problem: ScoreProblem };

const onScale = (rule: ScoringRule, v: number) =>
  Number.isInteger(v) && v >= rule.scaleMin && v <= rule.scaleMax;

/** The problem with a set of answers (in item order), or null when they can be scored. */
export function answerProblem(rule: ScoringRule, answers: readonly (number | null)[]): ScoreProblem | null {
  if (answers.length !== rule.items)
    return { kind: 'itemCount', expected: rule.items, actual: answers.length };
  for (const [item, v] of answers.entries()) {
    if (v === null || v === undefined) return { kind: 'missing', item };
    if (!onScale(rule, v)) return { kind: 'offScale', item };
  }
  return null;
}

/** The score of a complete set of answers on the scale, by the instrument's rule. */
export function scoreAnswers(rule: ScoringRule, answers: readonly (number | null)[]): ScoreResult {
  const problem = answerProblem(rule, answers);
  if (problem) return { ok: false, problem };
  const raw = (answers as number[]).reduce((sum, v) => sum + v, 0);
  switch (rule.scoring) {
    case 'single':
      return { ok: true, score: raw };
    case 'sum':
      return { ok: true, score: raw };
    case 'sum_times_4':
      return { ok: true, score: raw * 4 };
  }
}

/** The lowest and highest score an instrument can give (WHO-5: 0 and 100). */
export function scoreRange(rule: ScoringRule): { min: number; max: number } {
  const factor = rule.scoring === 'sum_times_4' ? 4 : 1;
  return { min: rule.scaleMin * rule.items * factor, max: rule.scaleMax * rule.items * factor };
}

/** WHO-5 as EVALUATION.md defines it: five answers 0–5, raw sum × 4 = 0–100. */
export const WHO5: ScoringRule = { scoring: 'sum_times_4', scaleMin: 0, scaleMax: 5, items: 5 };
/** The network question: one answer, 1 Nej slet ikke · 2 Nej, ikke rigtigt · 3 Ja, sådan da · 4 Ja, helt sikkert. */
export const NETWORK: ScoringRule = { scoring: 'single', scaleMin: 1, scaleMax: 4, items: 1 };
/** A 0–10 rating: self-managed health, well-being and energy; the staff's assessment of the family. */
export const RATING_0_10: ScoringRule = { scoring: 'single', scaleMin: 0, scaleMax: 10, items: 1 };

/**
 * The two groups of the network question's answers (EVALUATION.md, `network_before_after`):
 * 1–2 ("no") and 3–4 ("yes").
 */
export function networkGroup(score: number): 'no' | 'yes' {
  if (!onScale(NETWORK, score)) throw new RangeError(`network answer ${score} is not 1–4`);
  return score <= 2 ? 'no' : 'yes';
}
