import { describe, expect, it } from 'vitest';
import { passwordProblem } from '../../../src/server/auth/password-policy';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../src/shared/auth/auth.contract';

describe('password policy (NIST SP 800-63B)', () => {
  it('refuses a password shorter than the minimum, counting characters rather than UTF-16 units', () => {
    expect(passwordProblem('x7#Kq-vB2pZ')).toBe('errors.passwordTooShort');
    expect('x7#Kq-vB2pZ'.length).toBe(PASSWORD_MIN - 1);
    // Eleven emoji are 22 UTF-16 units but only eleven characters.
    expect(passwordProblem('🦊🐝🌵🍋🚲🎈🧩🪁🌻🐙🎻')).toBe('errors.passwordTooShort');
  });

  it('accepts a password of exactly the minimum and the maximum length', () => {
    expect(passwordProblem('x7#Kq-vB2pZw')).toBeNull();
    const longest = 'harbour lantern oat vivid '.repeat(10).slice(0, PASSWORD_MAX);
    expect([...longest]).toHaveLength(PASSWORD_MAX);
    expect(passwordProblem(longest)).toBeNull();
  });

  it('refuses a password longer than the maximum', () => {
    expect(passwordProblem('harbour lantern oat vivid '.repeat(10).slice(0, PASSWORD_MAX + 1))).toBe(
      'errors.passwordTooLong',
    );
  });

  it('refuses common passwords whatever their case', () => {
    for (const p of ['passwordpassword', 'PasswordPassword', '123456789012', 'qwertyuiop123']) {
      expect(passwordProblem(p), p).toBe('errors.passwordCommon');
    }
  });

  it('refuses a common password padded to length with digits or symbols', () => {
    for (const p of [
      'password1234',
      'iloveyou1234',
      'monkey1234567',
      'Password2024!!',
      'password12345678!',
    ]) {
      expect(passwordProblem(p), p).toBe('errors.passwordCommon');
    }
  });

  it('refuses one character repeated', () => {
    expect(passwordProblem('zzzzzzzzzzzzzzzz')).toBe('errors.passwordCommon');
  });

  it('refuses a password that contains the username, in any case', () => {
    expect(passwordProblem('mettehansen-rules-ok', 'mettehansen')).toBe('errors.passwordContainsUsername');
    expect(passwordProblem('hello-MetteHansen-42', 'mettehansen')).toBe('errors.passwordContainsUsername');
    // The same password is fine for somebody else.
    expect(passwordProblem('mettehansen-rules-ok', 'jensolsen')).toBeNull();
  });

  it('accepts a good passphrase without composition rules', () => {
    expect(passwordProblem('harbour lantern oat vivid', 'mettehansen')).toBeNull();
    expect(passwordProblem('correct horse battery staple')).toBeNull();
  });
});
