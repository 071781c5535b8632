// Form schemas for invitations, password reset, the account page and user
// administration. Shared by the browser (useValidatedForm) and the server (parseForm).
import { APPLICATION_NOTICE_MODES, type Role } from "~/auth/account-constants";
import { email, password, text, z } from "~/utils/validation";

// Kept here (not imported from the drizzle schema) so the client bundle stays free of drizzle.
export const ROLE_VALUES = ["admin", "caseworker", "municipality", "advisor"] as const satisfies readonly Role[];
/** Agencies whose staff deliver the advisory programmes. Ministry roles always belong to "sm". */
export const ADVISOR_AGENCIES = ["sbst", "ast"] as const;
export const MINISTRY_AGENCY = "sm";

const role = z.enum(ROLE_VALUES, { error: "Vælg en rolle fra listen." });
const municipalityCode = z
  .string()
  .trim()
  .max(4, "Vælg en kommune fra listen.")
  .regex(/^(\d{4})?$/, "Vælg en kommune fra listen.")
  .optional();
const agency = z.enum(["", ...ADVISOR_AGENCIES], { error: "Vælg en styrelse fra listen." }).optional();

type Organisation = { role?: unknown; municipalityCode?: string; agency?: string };

/** A municipality user needs a municipality; an advisor needs an agency. */
function organisationRule(value: Organisation, ctx: z.core.$RefinementCtx<Organisation>) {
  if (value.role === "municipality" && !value.municipalityCode) {
    ctx.addIssue({ code: "custom", path: ["municipalityCode"], message: "Vælg kommunen for en kommunebruger." });
  }
  if (value.role === "advisor" && !value.agency) {
    ctx.addIssue({ code: "custom", path: ["agency"], message: "Vælg styrelsen for en rådgiver." });
  }
}

export const inviteSchema = z
  .strictObject({ name: text("navnet"), email: email(), role, municipalityCode, agency })
  .superRefine(organisationRule);

export const membershipSchema = z
  .strictObject({ intent: z.literal("membership"), role, municipalityCode, agency })
  .superRefine(organisationRule);

export const userStatusSchema = z.strictObject({
  intent: z.enum(["disable", "enable", "unlock"], { error: "Ukendt handling." }),
});

const confirmPassword = z.string({ error: "Gentag adgangskoden." }).max(200, "Adgangskoden må højst være 200 tegn.");

function passwordsMatch(value: { password?: string; confirmPassword?: string }, ctx: z.core.$RefinementCtx<{ password?: string; confirmPassword?: string }>) {
  if (typeof value.password === "string" && value.password !== value.confirmPassword) {
    ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "De to adgangskoder er ikke ens." });
  }
}

/** Choosing a password from an invitation or a reset link. */
export const newPasswordSchema = z.strictObject({ password: password(), confirmPassword }).superRefine(passwordsMatch);

export const forgotPasswordSchema = z.strictObject({ email: email() });

export const changePasswordSchema = z
  .strictObject({
    intent: z.literal("change-password"),
    currentPassword: z
      .string({ error: "Udfyld din nuværende adgangskode." })
      .min(1, "Udfyld din nuværende adgangskode.")
      .max(200, "Adgangskoden må højst være 200 tegn."),
    password: password("den nye adgangskode"),
    confirmPassword,
  })
  .superRefine(passwordsMatch);

/** Ministry staff: one mail per arriving application, or one digest a day. */
export const applicationNoticeSchema = z.strictObject({
  intent: z.literal("application-notice"),
  applicationNotice: z.enum(APPLICATION_NOTICE_MODES, { error: "Vælg straks eller dagligt sammendrag." }),
});

export const logoutAllSchema = z.strictObject({ intent: z.literal("logout-all") });

export const revokeInvitationSchema = z.strictObject({
  intent: z.literal("revoke-invitation"),
  invitationId: z
    .string()
    .regex(/^\d{1,9}$/, "Ukendt invitation.")
    .transform(Number),
});

/** The users list's GET parameters; anything odd falls back to the default. */
export const userListQuerySchema = z.object({
  q: z.string().trim().max(100).catch(""),
  role: z.enum(ROLE_VALUES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
