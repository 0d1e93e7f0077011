import type { RawTx } from "@/db/driver";

/**
 * A Bloom filter of contact keys ("p" + phone, "e" + email, "x" + external
 * ID). It answers "certainly not seen" or "maybe seen": the import asks it
 * about every row and sends only the "maybe" rows to the database's index
 * probes (in-file duplicates, existing contacts), so the 95% of rows that
 * are plainly new cost no lookups. It never misses a key, so the result is
 * exact; a false "maybe" (about 1%) only costs a probe that finds nothing.
 * It lives in one typed array: a few MB outside the JavaScript heap.
 */
export class KeyFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** Sized for `expectedKeys` at about 1% false positives (10 bits a key, 7 probes), at least 1 Mbit. */
  constructor(expectedKeys: number) {
    let size = 1 << 20;
    while (size < expectedKeys * 10 && size < 1 << 30) size *= 2;
    this.bits = new Uint32Array(size >>> 5);
    this.mask = size - 1;
  }

  add(key: string): void {
    const [a, b] = hashes(key);
    for (let i = 0; i < PROBES; i++) {
      const bit = (a + i * b) & this.mask;
      this.bits[bit >>> 5] |= 1 << (bit & 31);
    }
  }

  has(key: string): boolean {
    const [a, b] = hashes(key);
    for (let i = 0; i < PROBES; i++) {
      const bit = (a + i * b) & this.mask;
      if ((this.bits[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

const PROBES = 7;
const pair: [number, number] = [0, 0];

/** Two 32-bit FNV-1a style hashes with different seeds (double hashing); the second is odd. */
function hashes(key: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  pair[0] = a >>> 0;
  pair[1] = (b | 1) >>> 0;
  return pair;
}

/** The keys of a row or contact, as the filter stores them. */
export function contactKeys(phone: string | null, email: string | null, externalId: string | null): string[] {
  const keys: string[] = [];
  if (phone) keys.push(`p${phone}`);
  if (email) keys.push(`e${email}`);
  if (externalId) keys.push(`x${externalId}`);
  return keys;
}

/** The keys of the workspace's contacts, read in pages (a million contacts never sit in memory at once). */
export async function loadExistingKeys(tx: RawTx, workspaceId: string, count: number): Promise<KeyFilter> {
  const filter = new KeyFilter(Math.max(100_000, count * 2));
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const page = await tx.query<{ id: string; phone_e164: string | null; email: string | null; external_id: string | null }>(
      "SELECT id, phone_e164, email, external_id FROM contacts WHERE workspace_id = $1 AND id > $2 ORDER BY id LIMIT 50000",
      [workspaceId, after],
    );
    for (const c of page) for (const key of contactKeys(c.phone_e164, c.email, c.external_id)) filter.add(key);
    if (page.length < 50_000) return filter;
    after = page[page.length - 1].id;
  }
}
