// Personal data in Puljeportal (GDPR articles 15 and 17), for the data protection officer:
//   npm run personal-data -- list                  what is held, where, and how many rows
//   npm run personal-data -- export --email x      everything about one person, as JSON
//   npm run personal-data -- erase --email x       pseudonymise the person (audited)
// Uses the database DATABASE_URL (or DATA_DIR) points to, as the owner (MIGRATION_DATABASE_URL
// when set). The audit trail is append-only and stays as it is: see docs/security.md.
import { parseEnv } from "../app/env.server";
import { erasePerson, exportPerson, listPersonalData } from "../app/auth/personal-data.server";
import { openFromEnv } from "./lib/database";

const [command, ...rest] = process.argv.slice(2);
const emailAt = rest.indexOf("--email");
const email = emailAt >= 0 ? rest[emailAt + 1] : undefined;

function usage(): never {
  console.error("Brug: personal-data list | export --email <e-mail> | erase --email <e-mail>");
  process.exit(2);
}

if (command !== "list" && command !== "export" && command !== "erase") usage();
if (command !== "list" && !email) usage();

const handle = await openFromEnv(parseEnv(process.env));
try {
  if (command === "list") {
    for (const row of await listPersonalData(handle.db)) {
      console.log(`${row.table.padEnd(24)} ${String(row.rows).padStart(7)} rækker  ${row.columns.join(", ")}: ${row.what}`);
    }
  } else if (command === "export") {
    const data = await exportPerson(handle.db, email!);
    console.log(JSON.stringify(data, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2));
  } else {
    const result = await erasePerson(handle.db, email!);
    if (!result.ok) {
      console.error(result.message);
      process.exitCode = 1;
    } else {
      console.log(
        `Slettet: ${result.pseudonym ?? "(ingen brugerkonto)"}; ${result.applications} ansøgning(er) med kontaktoplysninger ` +
          `og ${result.mails} mail(s) er pseudonymiseret. Handlingen står i revisionssporet (user.erased).`,
      );
    }
  }
} finally {
  await handle.close();
}
