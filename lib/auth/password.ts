import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (19 MiB, t=2), the OWASP baseline.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash of a random string, computed once. Sign-in verifies against it when
// the email is unknown, so an unknown email costs the same time as a wrong
// password and response times do not reveal who has an account.
let dummyHash: Promise<string> | undefined;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hash(crypto.randomUUID());
  return dummyHash;
}

export const PASSWORD_MIN_LENGTH = 10;
