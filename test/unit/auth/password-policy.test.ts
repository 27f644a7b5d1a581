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
    expect(passwordProblem('mettehansen-rules-ok', { username: 'mettehansen' })).toBe(
      'errors.passwordContainsUsername',
    );
    expect(passwordProblem('hello-MetteHansen-42', { username: 'mettehansen' })).toBe(
      'errors.passwordContainsUsername',
    );
    // The same password is fine for somebody else.
    expect(passwordProblem('mettehansen-rules-ok', { username: 'jensolsen' })).toBeNull();
  });

  it('refuses passwords made of the service’s, the person’s or the municipality’s names with digits or symbols round them', () => {
    const context = { username: 'hasle1', names: ['Hanne Hasle', 'Aarhus Kommune'] };
    for (const p of [
      'Staircase2026!',
      'opgangtilopgang',
      'Opgang-til-opgang-1',
      'aarhuskommune1',
      'hanne hasle 2026',
    ]) {
      expect(passwordProblem(p, context), p).toBe('errors.passwordOfNames');
    }
    // The names are the account's: another person in another municipality may use them.
    expect(
      passwordProblem('aarhuskommune1', { username: 'jens', names: ['Jens Olsen', 'Odense Kommune'] }),
    ).not.toBe('errors.passwordOfNames');
    // A name inside a passphrase of one's own words is fine.
    expect(passwordProblem('min trappe i aarhus har syv trin', context)).toBeNull();
  });

  it('refuses the demo’s published password, sequences and keyboard rows', () => {
    for (const p of [
      'staircase-demo',
      '123456789012345',
      'abcdefghijklmnop',
      'qwertyuiopasdf',
      'zyxwvutsrqponm',
    ]) {
      expect(passwordProblem(p), p).not.toBeNull();
    }
    expect(passwordProblem('123456789012345')).toBe('errors.passwordGuessable');
    expect(passwordProblem('abcdefghijklmnop')).toBe('errors.passwordGuessable');
    expect(passwordProblem('qwertyuiopasdf')).toBe('errors.passwordGuessable');
  });

  it('accepts a good passphrase without composition rules', () => {
    expect(passwordProblem('harbour lantern oat vivid', { username: 'mettehansen' })).toBeNull();
    expect(passwordProblem('correct horse battery staple')).toBeNull();
    expect(
      passwordProblem('kaffekop-blå-42', { username: 'mettehansen', names: ['Mette Hansen'] }),
    ).toBeNull();
    expect(passwordProblem('lige ud af landevejen')).toBeNull();
  });
});
