// npm run db:seed: migrate, then seed an empty database (demo data outside production).
// `npm run db:seed -- --scale 10` multiplies the demo data for measurements (db/seed/scale.ts).
import { parseEnv } from "../app/env.server";
import { audit } from "../app/utils/audit.server";
import { scaleDemo } from "../db/seed/scale";
import { describeTarget, firstAdminHint, openFromEnv, seedWhenEmpty } from "./lib/database";

const env = parseEnv(process.env);
const scaleArg = process.argv.indexOf("--scale");
const scale = scaleArg >= 0 ? Number(process.argv[scaleArg + 1]) : 1;
if (!Number.isInteger(scale) || scale < 1 || scale > 1000) {
  console.error(`--scale skal være et helt tal mellem 1 og 1000 (fik ${process.argv[scaleArg + 1]}).`);
  process.exit(1);
}
if (scale > 1 && env.NODE_ENV === "production") {
  console.error("Afvist: skaleret demodata hører ikke hjemme i produktion (NODE_ENV=production).");
  process.exit(1);
}
const handle = await openFromEnv(env);
try {
  console.log(`Migrerer ${describeTarget(env)} …`);
  await handle.migrate();
  const outcome = await seedWhenEmpty(handle.db, { production: env.NODE_ENV === "production", log: console.log });
  if (outcome === "reference") console.log(firstAdminHint);
  if (scale > 1) {
    if (outcome !== "demo") {
      console.error("Skalering kræver en tom database, der netop er seedet med demodata: kør `npm run db:reset` først.");
      process.exitCode = 1;
    } else {
      const r = await handle.db.transaction(async (tx) => {
        const result = await scaleDemo(tx, scale);
        await audit(tx, { userId: null, role: "system", requestId: "seed" }, {
          action: "seed.scale",
          entityType: "database",
          after: { factor: scale, applications: result.after.applications, auditRows: result.auditRows },
        });
        return result;
      });
      console.log(
        `Skaleret ×${scale}: ${r.after.applications} ansøgninger, ${r.after.grants} tilsagn, ${r.after.payments} udbetalinger, ` +
          `${r.after.advisory_programmes} forløb, ${r.after.milestones} milepæle, ${r.after.progress_reports ?? 0} afrapporteringer, ` +
          `${r.auditRows} logposter (${(r.ms / 1000).toFixed(1)} s).`,
      );
    }
  }
} finally {
  await handle.close();
}
