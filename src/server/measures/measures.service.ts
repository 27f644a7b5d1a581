import type { z } from 'zod';
import type { AnswerInput, Instrument, NewMeasurement } from '../../shared/measures/measures.contract';
import { answerProblem, scoreAnswers } from '../../shared/measures/scoring';
import { fieldError } from '../http/problem';
import { scoringRuleOf } from './instruments';
import type { AdultFactsInsert, ChildFactsInsert, SessionInsert } from './measures.queries';

/** A measurement as its contract parses it (arrays defaulted). */
type Parsed = z.output<typeof NewMeasurement>;

export interface CheckedMeasurement {
  sessions: SessionInsert[];
  adults: AdultFactsInsert[];
  children: ChildFactsInsert[];
}

/**
 * Checks a measurement against the family and the instruments, and scores it (EVALUATION.md):
 * each person once and of the right kind (adult, child), each instrument one the municipality
 * has, answered by the kind of person it is for, once per person, every item answered on the
 * scale. A problem is refused naming its field (`adults.0.answers.1.values.2`).
 */
export function checkAndScore(
  body: Parsed,
  members: { id: string; household_role: string }[],
  instruments: Instrument[],
): CheckedMeasurement {
  const roleOf = new Map(members.map((m) => [m.id, m.household_role === 'child' ? 'child' : 'adult']));
  const byId = new Map(instruments.map((i) => [i.id, i]));
  const sessions: SessionInsert[] = [];

  const answered = (path: string, answers: AnswerInput[], personId: string | null, kinds: string[]) => {
    const seen = new Set<string>();
    answers.forEach((a, i) => {
      const at = `${path}.${i}`;
      const instrument = byId.get(a.instrumentId);
      if (!instrument) throw fieldError(`${at}.instrumentId`, 'errors.measureUnknownInstrument');
      if (!kinds.includes(instrument.respondent))
        throw fieldError(`${at}.instrumentId`, 'errors.measureWrongRespondent');
      if (seen.has(a.instrumentId))
        throw fieldError(`${at}.instrumentId`, 'errors.measureDuplicateInstrument');
      seen.add(a.instrumentId);
      const rule = scoringRuleOf(instrument);
      const problem = answerProblem(rule, a.values);
      if (problem?.kind === 'itemCount' || problem?.kind === 'missing')
        throw fieldError(`${at}.values`, 'errors.measureAnswerCount');
      if (problem?.kind === 'offScale')
        throw fieldError(`${at}.values.${problem.item}`, 'errors.measureAnswerOffScale');
      const scored = scoreAnswers(rule, a.values);
      sessions.push({
        personId,
        instrumentId: instrument.id,
        score: scored.ok ? scored.score : null,
        answers: instrument.items.map((item, k) => ({ itemId: item.id, value: a.values[k]! })),
      });
    });
  };

  const people = new Set<string>();
  const person = (path: string, id: string, kind: 'adult' | 'child') => {
    if (people.has(id)) throw fieldError(`${path}.personId`, 'errors.measureDuplicatePerson');
    people.add(id);
    if (roleOf.get(id) !== kind)
      throw fieldError(
        `${path}.personId`,
        kind === 'adult' ? 'errors.measureNotAdult' : 'errors.measureNotChild',
      );
  };

  const adults = body.adults.map((a, i) => {
    person(`adults.${i}`, a.personId, 'adult');
    answered(`adults.${i}.answers`, a.answers, a.personId, ['adult']);
    return {
      personId: a.personId,
      unemploymentYears: a.unemploymentYears ?? null,
      currentStatus: a.currentStatus ?? null,
    };
  });
  const children = body.children.map((c, i) => {
    person(`children.${i}`, c.personId, 'child');
    answered(`children.${i}.answers`, c.answers, c.personId, ['child']);
    return {
      personId: c.personId,
      school: c.school ?? null,
      schoolClass: c.schoolClass ?? null,
      absencePercent: c.absencePercent ?? null,
      leisureActivities: c.leisureActivities,
    };
  });
  answered('household', body.household, null, ['household', 'staff']);
  return { sessions, adults, children };
}
