// The environment, validated once at start: a missing or bad variable stops the
// process with a clear message instead of failing later on a request.
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  /** Public origin of the app, used in links in e-mails and the Origin check. */
  APP_ORIGIN: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "skal være en postgres:// URL")
    .optional(),
  /**
   * The tables' owner, for migrations and scripts (npm start, db:migrate, db:seed).
   * Unset: DATABASE_URL. The server itself always runs as puljeportal_app.
   */
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "skal være en postgres:// URL")
    .optional(),
  /** PGlite data directory when DATABASE_URL is unset. */
  DATA_DIR: z.string().default(".data/pglite"),
  UPLOAD_DIR: z.string().default(".data/uploads"),
  SESSION_SECRET: z
    .string()
    .min(32, "skal være mindst 32 tegn")
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "skal være en smtp:// eller smtps:// URL")
    .optional(),
  MAIL_FROM: z.string().default("Puljeportal <noreply@puljeportal.local>"),
  /**
   * Comma-separated addresses of reverse proxies in front of the app. Only a request
   * arriving from one of them has its X-Forwarded-For believed (for the lockout per
   * client address and the session record). Empty: the connection's own address.
   */
  TRUSTED_PROXIES: z
    .string()
    .default("")
    .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.union([z.ipv4(), z.ipv6()], { error: "skal være IP-adresser adskilt af komma" }))),
  /** Set to "0" to keep the in-process mail dispatcher and jobs off (tests, scripts). */
  JOBS: z.enum(["0", "1"]).default("1"),
  /** "1" when `npm start` runs the demo (no NODE_ENV given): production build, demo tools on. */
  DEMO_MODE: z.enum(["0", "1"]).default("0"),
});

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string; APP_ORIGIN: string };

let cached: Env | undefined;

export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const clean = Object.fromEntries(
    Object.entries(source).filter(([, v]) => v !== undefined && v !== ""),
  );
  const result = schema.safeParse(clean);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Ugyldig konfiguration (miljøvariabler):\n${lines.join("\n")}`);
  }
  const env = result.data;
  if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
    throw new Error("Ugyldig konfiguration: SESSION_SECRET skal sættes i produktion.");
  }
  return {
    ...env,
    // Development only: a fixed secret so sessions survive restarts of the demo.
    SESSION_SECRET: env.SESSION_SECRET ?? "dev-only-secret-not-for-production-use-000",
    APP_ORIGIN: env.APP_ORIGIN ?? `http://localhost:${env.PORT}`,
  };
}

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests change the environment between cases. */
export function resetEnvCache() {
  cached = undefined;
}
