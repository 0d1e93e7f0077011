import { hash, verify, type Options } from "@node-rs/argon2";

// argon2id with 19 MiB, t=2, p=1: the OWASP baseline (and the library's
// defaults, written out so the dummy hash below cannot drift from them).
const HASH_OPTIONS: Options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, HASH_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// A hash of a random string with the same parameters, computed once. Sign-in
// verifies against it when the email is unknown, so an unknown email costs
// the same time as a wrong password and response times do not reveal who has
// an account.
let dummyHash: Promise<string> | undefined;
export function timingDummyHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  return dummyHash;
}
