import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { DEMO_PASSWORD } from '../../demo/seed';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../shared/auth/auth.contract';

/**
 * NIST SP 800-63B: a length floor, no composition rules, and a refusal of passwords that are
 * common, breached, sequential or repetitive, or made of context-specific words — the name of
 * the service, the username, the person's and the municipality's names. The common list is
 * zxcvbn-ts's dictionary (about 49,000 entries from breach corpora); sequences ("abcdef…",
 * "1234…"), keyboard rows ("qwertyuiop…"), repeats, dates and derivatives of the context words
 * are zxcvbn-ts's estimate of how many guesses a password takes (@zxcvbn-ts/core), both shipped
 * as npm packages.
 */
const common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
// Built at the first password judged, not at start-up (~90 ms of ranking the dictionaries).
let estimator: ZxcvbnFactory | undefined;
const estimatorOf = () => {
  estimator ??= new ZxcvbnFactory({ graphs: adjacencyGraphs, dictionary });
  return estimator;
};

/** The service's own names, and the demo's published password: context words of every account. */
const SERVICE_WORDS = ['staircase', 'opgang', 'opgangtilopgang', 'opgang til opgang', DEMO_PASSWORD];

/**
 * zxcvbn-ts's score 3 is "safely unguessable" (at least 10^8 guesses); below it, a password of
 * 12 characters or more is a pattern (a sequence, a keyboard row, a name and a year).
 */
const LEAST_SCORE = 3;

export interface PasswordContext {
  username?: string;
  /** The person's display name, the municipality's name: each word counts. */
  names?: (string | null | undefined)[];
}

/** The words a password must not be made of, longest first (so "opgangtilopgang" goes before "opgang"). */
function contextWords(context: PasswordContext): string[] {
  const words = new Set<string>(SERVICE_WORDS.map((w) => w.toLowerCase()));
  if (context.username) words.add(context.username.toLowerCase());
  for (const name of context.names ?? []) {
    if (!name) continue;
    words.add(name.toLowerCase());
    for (const part of name.toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words].sort((a, b) => b.length - a.length);
}

/**
 * What is left of a password once its context words, digits and symbols are taken out, or
 * null when it holds no context word (a password of digits alone is judged as a pattern).
 */
function beyondContext(lower: string, words: string[]): string | null {
  let rest = lower;
  for (const word of words) rest = rest.split(word).join(' ');
  return rest === lower ? null : rest.replace(/[^\p{L}]+/gu, '');
}

export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  if ([...password].length < PASSWORD_MIN) return 'errors.passwordTooShort';
  if ([...password].length > PASSWORD_MAX) return 'errors.passwordTooLong';
  const lower = password.toLowerCase();
  // Common passwords padded to length ("password1234") are still common.
  const stripped = lower.replace(/[\d\W_]+$/u, '');
  if (common.has(lower) || common.has(stripped) || /^(.)\1+$/u.test(password)) return 'errors.passwordCommon';
  const { username } = context;
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) {
    return 'errors.passwordContainsUsername';
  }
  const words = contextWords(context);
  // "Staircase2026!", "aarhuskommune1", "Hanne Hasle 2026": names with digits and symbols round them.
  const rest = beyondContext(lower, words);
  if (rest !== null && rest.length < 4) return 'errors.passwordOfNames';
  if (estimatorOf().check(password, words).score < LEAST_SCORE) return 'errors.passwordGuessable';
  return null;
}
