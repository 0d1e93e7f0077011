import { parsePhoneNumberFromString } from "libphonenumber-js/max";

// Deterministic demo contacts: row i of a workspace is always the same person,
// and phone numbers and emails are derived from i so they are unique within a
// workspace without any lookup. Nothing here touches the database.

// ---------------------------------------------------------------- randomness

/** A 32-bit integer hash (lowbias32): good avalanche, no allocation. */
function hash32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** Uniform [0, 1) for (row, stream): each property of a row draws from its own stream. */
function rand(row: number, stream: number): number {
  return hash32((row * 0x9e3779b1 + hash32(stream + 0x51ed27)) >>> 0) / 4294967296;
}

function pickFrom<T>(list: readonly T[], row: number, stream: number): T {
  return list[Math.floor(rand(row, stream) * list.length)];
}

// ---------------------------------------------------------------- names

const FIRST_NAMES = `James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan
Joseph Jessica Thomas Sarah Charles Karen Christopher Lisa Daniel Nancy Matthew Betty Anthony Margaret Mark Sandra Donald
Ashley Steven Kimberly Paul Emily Andrew Donna Joshua Michelle Kenneth Carol Kevin Amanda Brian Dorothy George Melissa
Timothy Deborah Ronald Stephanie Edward Rebecca Jason Sharon Jeffrey Laura Ryan Cynthia Jacob Kathleen Gary Amy Nicholas
Angela Eric Shirley Jonathan Anna Stephen Brenda Larry Pamela Justin Emma Scott Nicole Brandon Helen Benjamin Samantha
Samuel Katherine Gregory Christine Alexander Debra Frank Rachel Patrick Carolyn Raymond Janet Jack Catherine Dennis Maria
Jerry Heather Tyler Diane Aaron Ruth Jose Julie Adam Olivia Nathan Joyce Henry Virginia Douglas Victoria Zachary Kelly
Peter Lauren Kyle Christina Ethan Joan Walter Evelyn Noah Judith Jeremy Megan Christian Andrea Keith Cheryl Roger Hannah
Terry Jacqueline Gerald Martha Harold Gloria Sean Teresa Austin Ann Carl Sara Arthur Madison Lawrence Frances Dylan Kathryn
Jesse Janice Jordan Jean Bryan Abigail Billy Alice Joe Judy Bruce Sophia Gabriel Grace Logan Denise Albert Amber Willie
Doris Alan Marilyn Juan Danielle Wayne Beverly Elijah Isabella Randy Theresa Roy Diana Vincent Natalie Ralph Brittany
Eugene Charlotte Russell Marie Bobby Kayla Mason Alexis Philip Lori Louis Joanne Oliver Annika Hiroshi Priya Aarav Yuki
Mateo Sofia Lucas Chloe Liam Mia Ahmed Fatima Wei Mei Raj Ananya Carlos Lucia Pierre Camille Hans Greta Sven Ingrid
Dmitri Olga Kwame Amara Diego Valentina Omar Layla Marco Giulia`
  .split(/\s+/)
  .filter(Boolean);

const LAST_NAMES = `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson
Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis Robinson Walker
Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter
Roberts Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers
Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood
James Bennett Gray Mendoza Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins
Perry Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan Patterson
Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson Ellis Tran Medina Aguilar
Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods Washington Kennedy Wells Vargas Henry Chen
Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz
Hunt Hicks Holmes Palmer Wagner Black Robertson Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels
Ferguson Nichols Stephens Soto Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Hansen O'Brien
Schneider Fischer Weber Becker Dubois Moreau Laurent Rossi Russo Ferrari Tanaka Suzuki Yamamoto Sato Wang Li Zhang Liu
Singh Kumar Sharma Gupta Okafor Mensah Novak Kowalski Jensen Larsen Andersson Nilsson Costa Oliveira Santos Pereira`
  .split(/\s+/)
  .filter(Boolean);

// ---------------------------------------------------------------- companies

const COMPANY_ROOTS = `Acme Apex Atlas Beacon Blue Bright Cascade Cedar Crescent Crown Delta Eagle Echo Evergreen Falcon
First Forge Frontier Global Golden Granite Harbor Horizon Iron Keystone Lakeside Liberty Lighthouse Maple Meridian
Metro Nova Northwind Oak Orbit Pacific Peak Pioneer Prime Quantum Redwood Ridge Riverstone Silver Summit Sterling
Sunrise Titan Union Vertex`
  .split(/\s+/)
  .filter(Boolean);

const COMPANY_NOUNS = `Analytics Bakery Builders Capital Clinic Consulting Dental Design Devices Energy Engineering Farms
Foods Freight Health Hospitality Insurance Labs Legal Logistics Marketing Media Motors Networks Partners Pharma Plumbing
Properties Realty Recruiting Retail Robotics Security Software Solutions Studios Supply Systems Telecom Travel`
  .split(/\s+/)
  .filter(Boolean);

const COMPANY_SUFFIXES = ["", "", "", " Inc", " LLC", " Ltd", " Group", " & Co", " Corp", " Holdings"];

/** About 2000 company names: every root with every noun, plus a legal suffix. */
export const COMPANIES: { name: string; domain: string }[] = COMPANY_ROOTS.flatMap((root, r) =>
  COMPANY_NOUNS.map((noun, n) => {
    const suffix = COMPANY_SUFFIXES[hash32(r * 1000 + n) % COMPANY_SUFFIXES.length];
    return { name: `${root} ${noun}${suffix}`, domain: `${root}${noun}`.toLowerCase() + ".com" };
  }),
);

const FREE_MAIL = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "proton.me", "aol.com"];

// ---------------------------------------------------------------- phones

type Block = { prefix: string; free: number };
type CountryPhones = {
  iso: string;
  /** Coprime with blocks.length: steps through the blocks in a scattered order. */
  stride: number;
  timezone: string;
  cities: string[];
  blocks: Block[];
};

type Stem = { stem: string; extend: number; free: number };

// Number ranges per country: country code + stem, then `extend` enumerated
// digits form a block prefix (kept only when libphonenumber's "max" metadata
// says the block is a real range), then `free` digits that vary per contact.
const COUNTRY_STEMS: { iso: string; cc: string; timezone: string; cities: string[]; stems: Stem[] }[] = [
  {
    iso: "US",
    cc: "1",
    timezone: "America/New_York",
    cities: ["New York", "Newark", "Los Angeles", "Miami", "Chicago", "San Francisco", "Boston", "Las Vegas", "Houston", "Seattle", "Denver", "Atlanta", "Dallas", "Austin", "Phoenix"],
    // Real area codes; the enumerated digits are the exchange (2xx-9xx, never 555 or N11).
    stems: ["201", "202", "206", "212", "213", "214", "303", "305", "312", "404", "415", "469", "512", "602", "617", "646", "702", "713", "718", "773", "818", "917"].map(
      (area) => ({ stem: area, extend: 3, free: 4 }),
    ),
  },
  {
    iso: "GB",
    cc: "44",
    timezone: "Europe/London",
    cities: ["London", "Manchester", "Leeds", "Bristol", "Edinburgh"],
    stems: ["207", "740", "750", "770", "780", "790"].map((stem) => ({ stem, extend: 3, free: 4 })), // London 020 7xxx, mobiles 07xxx
  },
  {
    iso: "DE",
    cc: "49",
    timezone: "Europe/Berlin",
    cities: ["Berlin", "Hamburg", "Munich"],
    stems: ["302", "1512", "1760"].map((stem) => ({ stem, extend: 3, free: 4 })), // Berlin 030, mobiles 0151 / 0176
  },
  {
    iso: "FR",
    cc: "33",
    timezone: "Europe/Paris",
    cities: ["Paris", "Lyon", "Marseille"],
    stems: ["14", "61", "75"].map((stem) => ({ stem, extend: 3, free: 4 })),
  },
  {
    iso: "ES",
    cc: "34",
    timezone: "Europe/Madrid",
    cities: ["Madrid", "Barcelona", "Valencia"],
    stems: ["91", "61", "65"].map((stem) => ({ stem, extend: 3, free: 4 })),
  },
  {
    iso: "AU",
    cc: "61",
    timezone: "Australia/Sydney",
    cities: ["Sydney", "Melbourne", "Brisbane"],
    stems: ["29", "41", "43"].map((stem) => ({ stem, extend: 3, free: 4 })),
  },
  {
    iso: "IN",
    cc: "91",
    timezone: "Asia/Kolkata",
    cities: ["Mumbai", "Bengaluru", "Delhi", "Pune"],
    stems: ["981", "987", "989"].map((stem) => ({ stem, extend: 3, free: 4 })),
  },
  {
    iso: "BR",
    cc: "55",
    timezone: "America/Sao_Paulo",
    cities: ["São Paulo", "Rio de Janeiro"],
    stems: ["1197", "1198", "1199"].map((stem) => ({ stem, extend: 3, free: 4 })),
  },
];

const US_TIMEZONES: Record<string, string> = {
  "206": "America/Los_Angeles", "213": "America/Los_Angeles", "415": "America/Los_Angeles", "818": "America/Los_Angeles",
  "702": "America/Los_Angeles", "312": "America/Chicago", "773": "America/Chicago", "713": "America/Chicago",
  "214": "America/Chicago", "469": "America/Chicago", "512": "America/Chicago", "303": "America/Denver", "602": "America/Phoenix",
};

let phoneTable: CountryPhones[] | undefined;

function buildPhoneTable(): CountryPhones[] {
  return COUNTRY_STEMS.map((country) => {
    const blocks: Block[] = [];
    for (const { stem, extend, free } of country.stems) {
      const span = 10 ** extend;
      for (let x = 0; x < span; x++) {
        const digits = String(x).padStart(extend, "0");
        if (country.iso === "US" && (digits[0] < "2" || digits === "555" || digits.slice(1) === "11")) continue;
        const prefix = country.cc + stem + digits;
        // Ranges are allocated by prefix: a block whose lowest and highest
        // numbers are valid is taken as valid throughout (selfCheck samples it).
        // The country must match too: +44 7700 7… is Jersey, not GB.
        const valid = (suffix: string) => {
          const parsed = parsePhoneNumberFromString(`+${prefix}${suffix}`);
          return parsed !== undefined && parsed.isValid() && parsed.country === country.iso;
        };
        if (!valid("0".repeat(free)) || !valid("9".repeat(free))) continue;
        blocks.push({ prefix, free });
      }
    }
    if (blocks.length === 0) throw new Error(`no valid phone ranges for ${country.iso}`);
    let stride = 7919;
    while (gcd(stride, blocks.length) !== 1) stride += 2;
    return { iso: country.iso, stride, timezone: country.timezone, cities: country.cities, blocks };
  });
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function phones(): CountryPhones[] {
  phoneTable ??= buildPhoneTable();
  return phoneTable;
}

// Out of every 40 rows: 28 US (70%), 6 GB (15%), 1 each of DE FR ES AU IN BR (15%).
const SLOT_COUNTRY: number[] = (() => {
  const slots = [...Array(28).fill(0), ...Array(6).fill(1), 2, 3, 4, 5, 6, 7] as number[];
  // A fixed shuffle, so neighbouring rows are not all from one country.
  for (let i = slots.length - 1; i > 0; i--) {
    const j = hash32(i + 977) % (i + 1);
    [slots[i], slots[j]] = [slots[j], slots[i]];
  }
  return slots;
})();
const SLOTS_PER_COUNTRY = SLOT_COUNTRY.reduce<number[]>((acc, c) => ((acc[c] = (acc[c] ?? 0) + 1), acc), []);
const SLOT_RANK = SLOT_COUNTRY.map((c, s) => SLOT_COUNTRY.slice(0, s).filter((x) => x === c).length);

/** The row's phone: unique per row index (distinct rows → distinct numbers). */
export function phoneFor(row: number): { e164: string; country: string; timezone: string; city: string } {
  const slot = row % 40;
  const countryIndex = SLOT_COUNTRY[slot];
  const country = phones()[countryIndex];
  // k-th number of this country: a bijection from the rows that land here.
  const k = Math.floor(row / 40) * SLOTS_PER_COUNTRY[countryIndex] + SLOT_RANK[slot];
  // k = q·B + r ↦ (block r·P mod B, suffix from q): a bijection that scatters
  // neighbouring rows over exchanges and suffixes.
  const blockIndex = (((k % country.blocks.length) * country.stride) % country.blocks.length);
  const block = country.blocks[blockIndex];
  const q = Math.floor(k / country.blocks.length);
  const space = 10 ** block.free;
  if (q >= space) throw new Error(`out of ${country.iso} phone numbers at row ${row}`);
  // Multiplying by a number coprime with 10^free (plus a per-block offset) scrambles the suffix bijectively.
  const suffix = String((q * 7919 + hash32(blockIndex + 12_345)) % space).padStart(block.free, "0");
  const timezone = country.iso === "US" ? (US_TIMEZONES[block.prefix.slice(1, 4)] ?? country.timezone) : country.timezone;
  return { e164: `+${block.prefix}${suffix}`, country: country.iso, timezone, city: country.cities[k % country.cities.length] };
}

// ---------------------------------------------------------------- rows

export type ContactStatus = "active" | "inactive" | "blocked";
export type ContactSource = "manual" | "import" | "invite";

export type DemoContact = {
  firstName: string;
  lastName: string;
  displayName: string;
  company: string | null;
  phoneE164: string | null;
  phoneDigits: string | null;
  phoneCountry: string | null;
  email: string | null;
  status: ContactStatus;
  preferredChannel: "sms" | "whatsapp" | "email" | null;
  timezone: string | null;
  addressCity: string | null;
  addressCountry: string | null;
  externalId: string | null;
  source: ContactSource;
  consentSms: "not_subscribed" | "subscribed" | "unsubscribed";
  consentWhatsapp: "not_subscribed" | "subscribed" | "unsubscribed";
  consentEmail: "not_subscribed" | "subscribed" | "unsubscribed";
  lastActivityAt: Date | null;
  sessionCount: number;
  createdAt: Date;
  updatedAt: Date;
};

const DAY = 86_400_000;
const YEAR = 365 * DAY;

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z]/g, "");
}

/** Row `row` of a workspace, relative to `now` (ms). Pure and deterministic. */
export function demoContact(row: number, now: number): DemoContact {
  const firstName = pickFrom(FIRST_NAMES, row, 1);
  const lastName = pickFrom(LAST_NAMES, row, 2);
  const companyEntry = rand(row, 3) < 0.7 ? pickFrom(COMPANIES, row, 4) : null;

  // 96% have a phone; the rest are reachable by email only.
  const hasPhone = rand(row, 5) >= 0.04;
  const phone = hasPhone ? phoneFor(row) : null;
  const hasEmail = !hasPhone || rand(row, 6) < 0.58;
  let email: string | null = null;
  if (hasEmail) {
    const f = slug(firstName);
    const l = slug(lastName);
    const style = rand(row, 7);
    const local = style < 0.5 ? `${f}.${l}` : style < 0.75 ? `${f[0]}${l}` : style < 0.9 ? `${f}${l[0]}` : `${f}_${l}`;
    const domain = companyEntry && rand(row, 8) < 0.6 ? companyEntry.domain : pickFrom(FREE_MAIL, row, 9);
    // The row number ends the local part (which has no digits), so emails never collide.
    email = `${local}${row}@${domain}`;
  }

  const s = rand(row, 10);
  const status: ContactStatus = s < 0.02 ? "blocked" : s < 0.07 ? "inactive" : "active";
  const src = rand(row, 11);
  const source: ContactSource = src < 0.5 ? "manual" : src < 0.85 ? "import" : "invite";
  const createdAt = new Date(now - Math.floor(rand(row, 12) * 3 * YEAR));
  let lastActivityAt: Date | null = null;
  let sessionCount = 0;
  if (rand(row, 13) < 0.4) {
    const from = Math.max(createdAt.getTime(), now - 2 * YEAR);
    lastActivityAt = new Date(from + Math.floor(rand(row, 14) * (now - from)));
    sessionCount = 1 + Math.floor(rand(row, 15) * 40);
  }
  const ch = rand(row, 16);
  const preferredChannel = ch < 0.3 && phone ? "sms" : ch < 0.45 && phone ? "whatsapp" : ch < 0.55 && email ? "email" : null;
  const hasAddress = phone !== null && rand(row, 17) < 0.35;
  const consent = (v: number) => (v < 0.4 ? "subscribed" : v < 0.45 ? "unsubscribed" : "not_subscribed") as DemoContact["consentSms"];

  return {
    firstName,
    lastName,
    displayName: `${firstName} ${lastName}`,
    company: companyEntry?.name ?? null,
    phoneE164: phone?.e164 ?? null,
    phoneDigits: phone ? phone.e164.slice(1) : null,
    phoneCountry: phone?.country ?? null,
    email,
    status,
    preferredChannel,
    timezone: phone?.timezone ?? null,
    addressCity: hasAddress ? phone!.city : null,
    addressCountry: hasAddress ? phone!.country : null,
    externalId: source === "import" ? `crm-${(row + 100_000).toString(36)}` : null,
    source,
    consentSms: phone ? consent(rand(row, 18)) : "not_subscribed",
    consentWhatsapp: phone ? consent(rand(row, 19) + 0.2) : "not_subscribed",
    consentEmail: email ? consent(rand(row, 20)) : "not_subscribed",
    lastActivityAt,
    sessionCount,
    createdAt,
    updatedAt: lastActivityAt ?? createdAt,
  };
}

/**
 * Checks a sample of rows from [start, start + count): every phone valid for
 * libphonenumber-js/max in its country and E.164-normalised, emails lower-case,
 * and no duplicates within the sample. Throws on the first problem.
 */
export function selfCheck(start: number, count: number, now: number, sample = 20_000): void {
  const step = Math.max(1, Math.floor(count / sample));
  const seenPhones = new Set<string>();
  const seenEmails = new Set<string>();
  for (let row = start; row < start + count; row += step) {
    const c = demoContact(row, now);
    if (c.phoneE164) {
      const parsed = parsePhoneNumberFromString(c.phoneE164);
      if (!parsed || !parsed.isValid() || parsed.number !== c.phoneE164 || parsed.country !== c.phoneCountry) {
        throw new Error(`self-check: invalid phone ${c.phoneE164} (${c.phoneCountry}) at row ${row}`);
      }
      if (seenPhones.has(c.phoneE164)) throw new Error(`self-check: duplicate phone ${c.phoneE164}`);
      seenPhones.add(c.phoneE164);
    }
    if (c.email) {
      if (c.email !== c.email.toLowerCase()) throw new Error(`self-check: email not lower-case: ${c.email}`);
      if (seenEmails.has(c.email)) throw new Error(`self-check: duplicate email ${c.email}`);
      seenEmails.add(c.email);
    }
  }
}
