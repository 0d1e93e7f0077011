// npm run seed:demo -- --contacts N [--workspace-name NAME] [--extra-workspaces K --extra-contacts M]
//
// Fills a workspace with N realistic demo contacts, fast: COPY FROM STDIN on
// the PostgreSQL server named by DATABASE_URL, or chunked COPY on the embedded
// PGlite database (PGLITE_DATA_DIR, default ./data/pglite) when it is unset.
// Stop the app first when using PGlite: one process per data directory.
import { defaultDataDir, openDatabase } from "@/db/client";
import { DEMO_ADMIN, seedDemo } from "./seed";

type Args = { contacts: number; workspaceName?: string; extraWorkspaces: number; extraContacts: number };

const USAGE = "usage: npm run seed:demo -- --contacts N [--workspace-name NAME] [--extra-workspaces K --extra-contacts M]";

function parseArgs(argv: string[]): Args {
  const args: Args = { contacts: Number.NaN, extraWorkspaces: 0, extraContacts: 0 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split("=", 2);
    const value = () => inline ?? argv[++i];
    const count = () => {
      const n = Number(value()?.replace(/_/g, ""));
      if (!Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number\n${USAGE}`);
      return n;
    };
    if (flag === "--contacts") args.contacts = count();
    else if (flag === "--workspace-name") args.workspaceName = value();
    else if (flag === "--extra-workspaces") args.extraWorkspaces = count();
    else if (flag === "--extra-contacts") args.extraContacts = count();
    else if (flag === "--help" || flag === "-h") {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
  }
  if (!Number.isInteger(args.contacts)) throw new Error(USAGE);
  if (args.extraWorkspaces > 0 && args.extraContacts === 0) throw new Error(`--extra-workspaces needs --extra-contacts\n${USAGE}`);
  return args;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL || undefined;
  const target = url ? `PostgreSQL server ${url.replace(/\/\/[^@/]*@/, "//…@")}` : `embedded PGlite at ${defaultDataDir()}`;
  console.log(`Seeding ${target}`);
  const handle = await openDatabase({ url, dataDir: defaultDataDir() });
  try {
    const report = await seedDemo(handle, { ...args, log: (line) => console.log(line) });
    const { main: ws } = report;
    console.log("");
    console.log(`Done: ${report.rows.toLocaleString("en-US")} contacts in ${report.seconds.toFixed(1)} s — ${Math.round(report.rows / report.seconds).toLocaleString("en-US")} rows/s overall.`);
    console.log(
      `Workspace "${ws.workspaceName}" now holds ${ws.total.toLocaleString("en-US")} contacts` +
        (ws.adminEmail ? `; ${ws.favorites} of the new ones starred for ${ws.adminEmail}.` : " (no members, so no favorites)."),
    );
    for (const e of report.extra) console.log(`Workspace "${e.name}" now holds ${e.total.toLocaleString("en-US")} contacts.`);
    console.log("");
    if (ws.createdPassword) {
      console.log(`Sign in as ${ws.adminEmail} with password "${ws.createdPassword}" (Super Admin).`);
    } else if (ws.adminEmail) {
      const password = ws.adminEmail.toLowerCase() === DEMO_ADMIN.email ? `password "${DEMO_ADMIN.password}" (unless it was changed)` : "that account's existing password";
      console.log(`Sign in as ${ws.adminEmail} with ${password}.`);
    }
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
