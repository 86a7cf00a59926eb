import { hash, verify } from "@node-rs/argon2";

// argon2id with OWASP's minimum: 19 MiB of memory, 2 passes, 1 lane.
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id (off the event loop). */
export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFKC"), ARGON2_OPTIONS);
}

/** Checks a password against its argon2 hash; a malformed hash is a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize("NFKC"));
  } catch {
    return false;
  }
}

/**
 * A hash of nothing anybody knows, verified when the login is unknown so that the answer takes
 * the same time whether the account exists or not.
 */
let decoyHash: Promise<string> | undefined;
export function verifyDecoy(password: string): Promise<boolean> {
  decoyHash ??= hashPassword(`decoy-${crypto.randomUUID()}`);
  return decoyHash.then((h) => verifyPassword(h, password));
}

// No 0/O, 1/l/I: temporary passwords are read off paper.
const TEMP_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random temporary password for credentials handed over by the guichet: 3 groups of 4. */
export function generateTemporaryPassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && i % 4 === 0) out += "-";
    out += TEMP_ALPHABET[(bytes[i] ?? 0) % TEMP_ALPHABET.length];
  }
  return out;
}
