// The environment, validated once at start: a missing or bad variable stops the
// process with a clear message instead of failing later on a request.
import { createPrivateKey, X509Certificate } from "node:crypto";
import { z } from "zod";
import { LOA_LEVELS, NSIS_LOA_URI, type LoaLevel } from "./auth/sso/assurance";

// ---------------------------------------------------------------- identity providers
// Both off unless their variables are set; a half-configured provider stops the start.

/** PEM from an environment variable: "\n" written literally becomes a line break. */
function pem(s: string) {
  return s.replace(/\\n/g, "\n").trim();
}
const privateKey = z.string().transform(pem).refine((k) => {
  try {
    createPrivateKey(k);
    return true;
  } catch {
    return false;
  }
}, "skal være en privat nøgle i PEM-format");
/** One or more certificates: PEM blocks, or base64 (as in SAML metadata) separated by commas. */
const certificates = z
  .string()
  .transform((s) => {
    const text = pem(s);
    const blocks = text.includes("-----BEGIN")
      ? (text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [])
      : text.split(",").map((b) => `-----BEGIN CERTIFICATE-----\n${b.replace(/\s+/g, "")}\n-----END CERTIFICATE-----`);
    return blocks;
  })
  .refine((certs) => {
    try {
      return certs.length > 0 && certs.every((c) => new X509Certificate(c));
    } catch {
      return false;
    }
  }, "skal være et eller flere certifikater (PEM eller base64)");
/** "acr-værdi=Niveau,…": which NSIS level each of the provider's acr values means. */
const acrLevels = z.string().transform((s, ctx) => {
  const map: Record<string, LoaLevel> = {};
  for (const pair of s.split(",").map((p) => p.trim()).filter(Boolean)) {
    const at = pair.lastIndexOf("=");
    const level = pair.slice(at + 1).trim() as LoaLevel;
    if (at < 1 || !LOA_LEVELS.includes(level)) {
      ctx.addIssue({ code: "custom", message: `"${pair}": skriv acr-værdi=Low|Substantial|High` });
      return z.NEVER;
    }
    map[pair.slice(0, at).trim()] = level;
  }
  return map;
});

function identityProviderVariables() {
  return {
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    /** Shown on the button: "Log ind med <navn>". */
    OIDC_DISPLAY_NAME: z.string().max(60).optional(),
    OIDC_SCOPES: z.string().default("openid email profile"),
    OIDC_ACR_LEVELS: acrLevels.default(
      Object.fromEntries(LOA_LEVELS.map((l) => [NSIS_LOA_URI[l], l])) as Record<string, LoaLevel>,
    ),
    /** Space-separated acr_values asked for at the provider (optional). */
    OIDC_ACR_VALUES: z.string().optional(),
    SAML_IDP_ENTITY_ID: z.string().optional(),
    SAML_IDP_SSO_URL: z.url().optional(),
    SAML_IDP_CERT: certificates.optional(),
    SAML_SP_ENTITY_ID: z.string().optional(),
    SAML_SP_KEY: privateKey.optional(),
    SAML_SP_CERT: certificates.optional(),
    SAML_DISPLAY_NAME: z.string().max(60).default("MitID Erhverv"),
  };
}

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
  ...identityProviderVariables(),
});

export type OidcSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  displayName: string;
  scopes: string;
  acrLevels: Record<string, LoaLevel>;
  acrValues?: string;
};
export type SamlSettings = {
  idpEntityId: string;
  idpSsoUrl: string;
  idpCerts: string[];
  spEntityId: string;
  spKey: string;
  spCert: string;
  displayName: string;
};

type Raw = z.infer<typeof schema>;

function groupOf<K extends keyof Raw>(env: Raw, required: K[], label: string): boolean {
  const set = required.filter((k) => env[k] !== undefined);
  if (set.length === 0) return false;
  if (set.length < required.length) {
    const missing = required.filter((k) => env[k] === undefined);
    throw new Error(`Ugyldig konfiguration: ${label} kræver også ${missing.join(", ")}.`);
  }
  return true;
}

function identityProviders(env: Raw, appOrigin: string) {
  const oidc: OidcSettings | null = groupOf(
    env,
    ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_DISPLAY_NAME"],
    "OpenID Connect",
  )
    ? {
        issuer: env.OIDC_ISSUER!,
        clientId: env.OIDC_CLIENT_ID!,
        clientSecret: env.OIDC_CLIENT_SECRET!,
        displayName: env.OIDC_DISPLAY_NAME!,
        scopes: env.OIDC_SCOPES,
        acrLevels: env.OIDC_ACR_LEVELS,
        acrValues: env.OIDC_ACR_VALUES,
      }
    : null;
  const saml: SamlSettings | null = groupOf(
    env,
    ["SAML_IDP_ENTITY_ID", "SAML_IDP_SSO_URL", "SAML_IDP_CERT", "SAML_SP_KEY", "SAML_SP_CERT"],
    "SAML (MitID Erhverv)",
  )
    ? {
        idpEntityId: env.SAML_IDP_ENTITY_ID!,
        idpSsoUrl: env.SAML_IDP_SSO_URL!,
        idpCerts: env.SAML_IDP_CERT!,
        spEntityId: env.SAML_SP_ENTITY_ID ?? `${appOrigin}/auth/saml/metadata`,
        spKey: env.SAML_SP_KEY!,
        spCert: env.SAML_SP_CERT![0],
        displayName: env.SAML_DISPLAY_NAME,
      }
    : null;
  return { oidc, saml };
}

export type Env = Raw & {
  SESSION_SECRET: string;
  APP_ORIGIN: string;
  SSO: { oidc: OidcSettings | null; saml: SamlSettings | null };
};

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
  const appOrigin = env.APP_ORIGIN ?? `http://localhost:${env.PORT}`;
  return {
    ...env,
    // Development only: a fixed secret so sessions survive restarts of the demo.
    SESSION_SECRET: env.SESSION_SECRET ?? "dev-only-secret-not-for-production-use-000",
    APP_ORIGIN: appOrigin,
    SSO: identityProviders(env, appOrigin),
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
