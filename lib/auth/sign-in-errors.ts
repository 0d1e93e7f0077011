/*
 * What the sign-in page may say when sign-in fails. next-auth carries the
 * reason as a code in the redirect (`/signin?error=…`) and in signIn()'s
 * answer; only these codes have a message, so text someone put in a link is
 * never shown. Imported by the browser too: no server code here.
 */

/** How long the failed sign-ins that block an email or address are counted. */
export const SIGN_IN_WINDOW_MINUTES = 15;

export const SIGN_IN_ERRORS = {
  missing: "Enter your email and password.",
  invalid: "Wrong email or password.",
  rate_limited: `Too many failed sign-ins. Try again in ${SIGN_IN_WINDOW_MINUTES} minutes.`,
  no_workspace: "Your account is not a member of any workspace.",
  // next-auth's own codes.
  CredentialsSignin: "Wrong email or password.",
  Configuration: "Sign-in is not configured on this server. Ask your administrator.",
} as const;

export type SignInErrorCode = keyof typeof SIGN_IN_ERRORS;

const GENERIC = "Sign-in failed. Try again.";

/** The message for a code from a redirect or from signIn(); none for a missing code or SessionRequired (just signed out or not yet in). */
export function signInErrorMessage(code: string | null | undefined): string | undefined {
  if (!code || code === "SessionRequired") return undefined;
  return Object.hasOwn(SIGN_IN_ERRORS, code) ? SIGN_IN_ERRORS[code as SignInErrorCode] : GENERIC;
}
