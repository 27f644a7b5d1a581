import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerProblem,
  NETWORK,
  networkGroup,
  RATING_0_10,
  type ScoringRule,
  scoreAnswers,
  scoreRange,
  WHO5,
} from '../../../src/shared/measures/scoring';

/** EVALUATION.md §1, "Instruments in measures.csv": the scores as a person would compute them by hand. */
describe('scoring of the default instruments', () => {
  it('WHO-5 is the raw sum × 4: 3+4+2+5+1 = 15 → 60', () => {
    expect(scoreAnswers(WHO5, [3, 4, 2, 5, 1])).toEqual({ ok: true, score: 60 });
  });

  it('WHO-5 runs from 0 (all "at no time") to 100 (all "all of the time")', () => {
    expect(scoreAnswers(WHO5, [0, 0, 0, 0, 0])).toEqual({ ok: true, score: 0 });
    expect(scoreAnswers(WHO5, [5, 5, 5, 5, 5])).toEqual({ ok: true, score: 100 });
    expect(scoreRange(WHO5)).toEqual({ min: 0, max: 100 });
  });

  it('the network question scores its answer, 1–4', () => {
    for (const answer of [1, 2, 3, 4])
      expect(scoreAnswers(NETWORK, [answer])).toEqual({ ok: true, score: answer });
    expect(scoreRange(NETWORK)).toEqual({ min: 1, max: 4 });
  });

  it('a 0–10 rating scores its answer', () => {
    expect(scoreAnswers(RATING_0_10, [7])).toEqual({ ok: true, score: 7 });
    expect(scoreAnswers(RATING_0_10, [0])).toEqual({ ok: true, score: 0 });
    expect(scoreAnswers(RATING_0_10, [10])).toEqual({ ok: true, score: 10 });
  });

  it('a plain sum adds the answers', () => {
    const sum: ScoringRule = { scoring: 'sum', scaleMin: 1, scaleMax: 3, items: 3 };
    expect(scoreAnswers(sum, [1, 2, 3])).toEqual({ ok: true, score: 6 });
  });

  it('the network answers fall in two groups: 1–2 no, 3–4 yes', () => {
    expect([1, 2, 3, 4].map(networkGroup)).toEqual(['no', 'no', 'yes', 'yes']);
    expect(() => networkGroup(0)).toThrow(RangeError);
    expect(() => networkGroup(5)).toThrow(RangeError);
  });
});

describe('answers that give no score', () => {
  it('a WHO-5 with four answers is the wrong count', () => {
    expect(scoreAnswers(WHO5, [1, 2, 3, 4])).toEqual({
      ok: false,
      problem: { kind: 'itemCount', expected: 5, actual: 4 },
    });
  });

  it('a missing answer names its item', () => {
    expect(answerProblem(WHO5, [1, 2, null, 4, 5])).toEqual({ kind: 'missing', item: 2 });
  });

  it('an answer off the scale names its item: 6 on WHO-5, 0 and 5 on the network question, 2.5 anywhere', () => {
    expect(answerProblem(WHO5, [1, 2, 3, 4, 6])).toEqual({ kind: 'offScale', item: 4 });
    expect(answerProblem(NETWORK, [0])).toEqual({ kind: 'offScale', item: 0 });
    expect(answerProblem(NETWORK, [5])).toEqual({ kind: 'offScale', item: 0 });
    expect(answerProblem(RATING_0_10, [2.5])).toEqual({ kind: 'offScale', item: 0 });
    expect(answerProblem(RATING_0_10, [11])).toEqual({ kind: 'offScale', item: 0 });
  });
});

describe('scoring, as properties', () => {
  const who5Answers = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 5, maxLength: 5 });

  it('every complete WHO-5 scores a multiple of 4 within 0–100, four times its raw sum', () => {
    fc.assert(
      fc.property(who5Answers, (answers) => {
        const result = scoreAnswers(WHO5, answers);
        const raw = answers.reduce((a, b) => a + b, 0);
        return result.ok && result.score === raw * 4 && result.score % 4 === 0 && result.score <= 100;
      }),
    );
  });

  it('raising one WHO-5 answer by one raises the score by exactly 4', () => {
    fc.assert(
      fc.property(who5Answers, fc.integer({ min: 0, max: 4 }), (answers, i) => {
        fc.pre(answers[i]! < 5);
        const raised = answers.map((v, j) => (j === i ? v + 1 : v));
        const before = scoreAnswers(WHO5, answers);
        const after = scoreAnswers(WHO5, raised);
        return before.ok && after.ok && after.score - before.score === 4;
      }),
    );
  });

  it('any rule scores complete on-scale answers within its range, and refuses any off-scale one', () => {
    const rule = fc
      .record({
        scoring: fc.constantFrom('single' as const, 'sum' as const, 'sum_times_4' as const),
        scaleMin: fc.integer({ min: 0, max: 3 }),
        span: fc.integer({ min: 1, max: 10 }),
        items: fc.integer({ min: 1, max: 8 }),
      })
      .map(({ scoring, scaleMin, span, items }) => ({
        scoring,
        scaleMin,
        scaleMax: scaleMin + span,
        items: scoring === 'single' ? 1 : items,
      }));
    fc.assert(
      fc.property(
        rule.chain((r) =>
          fc.tuple(
            fc.constant(r),
            fc.array(fc.integer({ min: r.scaleMin, max: r.scaleMax }), {
              minLength: r.items,
              maxLength: r.items,
            }),
            fc.nat(r.items - 1),
          ),
        ),
        ([r, answers, i]) => {
          const result = scoreAnswers(r, answers);
          const range = scoreRange(r);
          if (!result.ok || result.score < range.min || result.score > range.max) return false;
          const off = answers.map((v, j) => (j === i ? r.scaleMax + 1 : v));
          const refused = scoreAnswers(r, off);
          return !refused.ok && refused.problem.kind === 'offScale' && refused.problem.item === i;
        },
      ),
    );
  });
});
