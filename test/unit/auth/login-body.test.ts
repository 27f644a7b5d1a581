import { describe, expect, it } from 'vitest';
import { LoginBody } from '../../../src/shared/auth/auth.contract';

describe('the sign-in form’s contract', () => {
  it('refuses a control character in the username (PostgreSQL refuses NUL in text: it was a 500)', () => {
    const parsed = LoginBody.safeParse({ username: 'a\u0000b', password: 'x' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['username', 'errors.controlCharacter'],
    ]);
    expect(LoginBody.safeParse({ username: ' leader ', password: 'x' }).data?.username).toBe('leader');
  });
});
