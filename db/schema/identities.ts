// Sign-in through identity providers (SAML for MitID Erhverv, OpenID Connect for a
// ministry's own provider): links to accounts, sign-ins in progress, seen assertions.
import { index, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./access";
import { ts } from "./columns";

// A user's link to an identity provider's persistent identifier (SAML or OIDC `sub`).
// The provider key includes the issuer: subjects are only unique per issuer.
export const userIdentities = pgTable(
  "user_identities",
  {
    provider: text("provider").notNull(),
    subject: text("subject").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    linkedAt: ts("linked_at").notNull().defaultNow(),
    lastUsedAt: ts("last_used_at"),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.subject] }),
    // One identity per provider and user: a second one must not silently take over.
    uniqueIndex("user_identities_user_provider_unique").on(t.userId, t.provider),
  ],
);

// Sign-ins in progress (OIDC state + nonce + PKCE verifier; SAML AuthnRequest ID),
// bound to the browser by a cookie whose hash is kept here; single use, expiring.
export const ssoRequests = pgTable(
  "sso_requests",
  {
    id: text("id").primaryKey(),
    method: text("method", { enum: ["oidc", "saml"] }).notNull(),
    browserKeyHash: text("browser_key_hash").notNull(),
    nonce: text("nonce"),
    codeVerifier: text("code_verifier"),
    redirectTo: text("redirect_to").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    expiresAt: ts("expires_at").notNull(),
    usedAt: ts("used_at"),
  },
  (t) => [index("sso_requests_expires_idx").on(t.expiresAt)],
);

// SAML assertion IDs seen, until the assertion would have expired anyway: a replayed
// assertion is refused in every process sharing the database.
export const samlSeenAssertions = pgTable(
  "saml_seen_assertions",
  {
    id: text("id").primaryKey(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [index("saml_seen_assertions_expires_idx").on(t.expiresAt)],
);
