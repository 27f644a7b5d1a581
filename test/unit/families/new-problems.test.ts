import { describe, expect, it } from 'vitest';
import { newProblems } from '../../../src/server/families/families.check';

/** The net under every family write (withFamily): a write may keep an old problem, not bring a new one. */
describe('newProblems', () => {
  const p = (field: string, key: string) => ({ field, key });
  it('is empty when the write kept the problems the family had', () => {
    expect(newProblems([p('members.2.cpr', 'errors.cpr')], [p('members.2.cpr', 'errors.cpr')])).toEqual([]);
  });
  it('does not count an old problem as new when a member added before it moved its place', () => {
    expect(newProblems([p('members.2.cpr', 'errors.cpr')], [p('members.3.cpr', 'errors.cpr')])).toEqual([]);
  });
  it('names a problem the write brought in, also a second one of a kind the family had', () => {
    expect(newProblems([], [p('members', 'errors.tooManyMembers')])).toEqual([
      p('members', 'errors.tooManyMembers'),
    ]);
    expect(
      newProblems(
        [p('members.2.cpr', 'errors.cpr')],
        [p('members.2.cpr', 'errors.cpr'), p('members.5.cpr', 'errors.cpr')],
      ),
    ).toEqual([p('members.5.cpr', 'errors.cpr')]);
  });
});
