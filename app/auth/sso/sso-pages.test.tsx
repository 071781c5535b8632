import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SsoButtons } from "./buttons";
import { SsoRefusalPage } from "./refusal";

describe("login page buttons", () => {
  it("shows none while no identity provider is configured", () => {
    expect(renderToStaticMarkup(<SsoButtons providers={{ saml: null, oidc: null }} redirectTo="/" />)).toBe("");
  });

  it("shows each configured provider by name, carrying where to go afterwards", () => {
    const html = renderToStaticMarkup(<SsoButtons providers={{ saml: "MitID Erhverv", oidc: "Social- og Boligministeriets login" }} redirectTo="/calls?x=1" />);
    expect(html).toContain('href="/auth/saml/login?redirectTo=%2Fcalls%3Fx%3D1"');
    expect(html).toContain(">Log ind med MitID Erhverv</a>");
    expect(html).toContain(">Log ind med Social- og Boligministeriets login</a>");
    expect(html).toContain("Log ind med e-mail og adgangskode");
  });

  it("shows only the one configured", () => {
    const html = renderToStaticMarkup(<SsoButtons providers={{ saml: null, oidc: "Entra ID" }} redirectTo="/" />);
    expect(html).not.toContain("/auth/saml/login");
    expect(html).toContain("/auth/oidc/login");
  });
});

describe("refusal page", () => {
  it("says in Danish why, with a way back", () => {
    const html = renderToStaticMarkup(<SsoRefusalPage reason="assurance" />);
    expect(html).toContain("<h1>Du blev ikke logget ind</h1>");
    expect(html).toContain("Dit login havde ikke sikringsniveau Betydelig");
    expect(html).toContain('href="/login"');
    expect(renderToStaticMarkup(<SsoRefusalPage reason="unknown" />)).toContain("Adgang gives kun ved invitation");
    expect(renderToStaticMarkup(<SsoRefusalPage reason="other-identity" />)).toContain("knyttet til en anden identitet");
    expect(renderToStaticMarkup(<SsoRefusalPage reason="invalid" />)).toContain("Start forfra");
  });
});
