import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../shared/auth/auth.contract';

/**
 * NIST SP 800-63B: a length floor, no composition rules, and a refusal of passwords found in
 * lists of common and breached passwords. The list is zxcvbn-ts's common-password dictionary
 * (about 49,000 entries from breach corpora), shipped as an npm package.
 */
const common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

export function passwordProblem(password: string, username?: string): string | null {
  if ([...password].length < PASSWORD_MIN) return 'errors.passwordTooShort';
  if ([...password].length > PASSWORD_MAX) return 'errors.passwordTooLong';
  const lower = password.toLowerCase();
  // Common passwords padded to length ("password1234") are still common.
  const stripped = lower.replace(/[\d\W_]+$/u, '');
  if (common.has(lower) || common.has(stripped) || /^(.)\1+$/u.test(password)) return 'errors.passwordCommon';
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) {
    return 'errors.passwordContainsUsername';
  }
  return null;
}
