// Identity providers are configured by environment: off by default, all-or-nothing per
// provider, and a bad key or certificate stops the start with a Danish message.
import { generateKeyPairSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { parseEnv as parse } from "~/env.server";
import { makeKeyPair, type KeyPair } from "../../../tests/support/saml-idp";

const parseEnv = (vars: Record<string, string>) => parse({ NODE_ENV: "test", ...vars });
let pair: KeyPair;
beforeAll(async () => {
  pair = await makeKeyPair("env-test");
});

const oidc = { OIDC_ISSUER: "https://login.microsoftonline.com/tenant/v2.0", OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "secret", OIDC_DISPLAY_NAME: "SM login" };
const saml = () => ({ SAML_IDP_ENTITY_ID: "https://saml.nemlog-in.dk", SAML_IDP_SSO_URL: "https://nemlog-in.mitid.dk/login/sso", SAML_IDP_CERT: pair.cert, SAML_SP_KEY: pair.key, SAML_SP_CERT: pair.cert });

describe("identity-provider configuration", () => {
  it("is off by default", () => {
    expect(parseEnv({}).SSO).toEqual({ oidc: null, saml: null });
  });

  it("reads a complete OpenID Connect set, with the NSIS acr values mapped by default", () => {
    const { SSO } = parseEnv(oidc);
    expect(SSO.oidc).toMatchObject({ issuer: oidc.OIDC_ISSUER, displayName: "SM login", scopes: "openid email profile" });
    expect(SSO.oidc?.acrLevels).toEqual({
      "https://data.gov.dk/concept/core/nsis/loa/Low": "Low",
      "https://data.gov.dk/concept/core/nsis/loa/Substantial": "Substantial",
      "https://data.gov.dk/concept/core/nsis/loa/High": "High",
    });
  });

  it("refuses half a provider", () => {
    expect(() => parseEnv({ OIDC_ISSUER: oidc.OIDC_ISSUER })).toThrow(/OpenID Connect kræver også OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_DISPLAY_NAME/);
    const { SAML_SP_KEY: _k, ...noKey } = saml();
    expect(() => parseEnv(noKey)).toThrow(/SAML \(MitID Erhverv\) kræver også SAML_SP_KEY/);
  });

  it("parses an acr mapping and refuses a bad one", () => {
    expect(parseEnv({ ...oidc, OIDC_ACR_LEVELS: "urn:mfa=Substantial, urn:pwd=Low" }).SSO.oidc?.acrLevels).toEqual({ "urn:mfa": "Substantial", "urn:pwd": "Low" });
    expect(() => parseEnv({ ...oidc, OIDC_ACR_LEVELS: "urn:mfa=Betydelig" })).toThrow(/OIDC_ACR_LEVELS/);
  });

  it("reads SAML keys written on one line with \\n, and a base64 certificate as in metadata", () => {
    const base64 = pair.cert.replace(/-----[A-Z ]+-----|\s/g, "");
    const { SSO } = parseEnv({ ...saml(), SAML_SP_KEY: pair.key.replace(/\n/g, "\\n"), SAML_IDP_CERT: `${base64},${base64}`, APP_ORIGIN: "https://puljeportal.sm.dk" });
    expect(SSO.saml?.spKey).toBe(pair.key.trim());
    expect(SSO.saml?.idpCerts).toHaveLength(2);
    expect(SSO.saml?.spEntityId).toBe("https://puljeportal.sm.dk/auth/saml/metadata");
    expect(SSO.saml?.displayName).toBe("MitID Erhverv");
  });

  it("refuses a key or certificate that does not parse", () => {
    expect(() => parseEnv({ ...saml(), SAML_SP_KEY: "not a key" })).toThrow(/SAML_SP_KEY: skal være en privat nøgle/);
    expect(() => parseEnv({ ...saml(), SAML_IDP_CERT: "bm90IGEgY2VydA==" })).toThrow(/SAML_IDP_CERT: skal være et eller flere certifikater/);
    const publicKey = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(() => parseEnv({ ...saml(), SAML_SP_KEY: publicKey })).toThrow(/SAML_SP_KEY/);
  });
});
