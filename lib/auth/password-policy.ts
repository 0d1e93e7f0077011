import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { PASSWORD_MIN_LENGTH } from "./password-hint";

/*
 * The one rule for a new password, after NIST SP 800-63B: long enough, any
 * characters (spaces and passphrases welcome, no "one digit and one symbol"
 * composition rules), and not a common, breached or easily guessed one.
 * zxcvbn-ts checks it against the common-password and English dictionaries
 * it ships and against words about this person and this app, and refuses one
 * it estimates an attacker guesses in under 10^9 tries: its score 3 starts at
 * 10^8, which still lets through "Summer2024!!", "password password" and a
 * password spelled from the person's own name.
 */

export const PASSWORD_MAX_LENGTH = 200;
const MIN_GUESSES_LOG10 = 9;

// Words an attacker would try first against this app's accounts.
const APP_WORDS = ["switchboard", "contacts", "address book", "session"];

let factory: ZxcvbnFactory | undefined;
// Built on first use: loading the dictionaries takes about half a second.
function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
  return factory;
}

/** Characters as a person counts them (an emoji is one), not UTF-16 units. */
function length(password: string): number {
  return [...password].length;
}

/**
 * What is wrong with a new password, as the message shown next to the field,
 * or null when it is acceptable. `related` are words about the person (email,
 * name, workspace name) that must not make up the password.
 */
export function passwordProblem(password: string, related: readonly string[] = []): string | null {
  if (length(password) < PASSWORD_MIN_LENGTH) {
    return `Use at least ${PASSWORD_MIN_LENGTH} characters. A few words in a row make a good password.`;
  }
  if (length(password) > PASSWORD_MAX_LENGTH) return `Passwords are at most ${PASSWORD_MAX_LENGTH} characters.`;
  const inputs = [...APP_WORDS, ...related.flatMap((value) => [value, ...value.split(/[^\p{L}\p{N}]+/u)]).filter((word) => word.length >= 3)];
  const result = estimator().check(password, inputs);
  if (result.guessesLog10 >= MIN_GUESSES_LOG10) return null;
  const why = result.feedback.warning ?? "It is too easy to guess.";
  return `Choose a less common password. ${why} Several unrelated words work well.`;
}
