import { describe, expect, it } from "vitest";
import { loaFromAcr, loaFromSaml, meetsRequiredLoa, NSIS_LOA_URI } from "./assurance";

describe("assurance levels", () => {
  it("needs Substantial or High", () => {
    expect(meetsRequiredLoa("High")).toBe(true);
    expect(meetsRequiredLoa("Substantial")).toBe(true);
    expect(meetsRequiredLoa("Low")).toBe(false);
    expect(meetsRequiredLoa(null)).toBe(false);
  });

  it("reads the OIOSAML 3 attribute (bare word or full URI), nothing else", () => {
    expect(loaFromSaml("Substantial")).toBe("Substantial");
    expect(loaFromSaml(NSIS_LOA_URI.High)).toBe("High");
    expect(loaFromSaml("substantial")).toBeNull();
    expect(loaFromSaml(["Substantial", "Low"])).toBeNull();
    expect(loaFromSaml(undefined)).toBeNull();
  });

  it("maps an OIDC acr through the configured table only", () => {
    const levels = { "urn:entra:mfa": "Substantial", "urn:entra:pwd": "Low" } as const;
    expect(loaFromAcr("urn:entra:mfa", levels)).toBe("Substantial");
    expect(loaFromAcr("urn:entra:pwd", levels)).toBe("Low");
    expect(loaFromAcr("urn:unknown", levels)).toBeNull();
    expect(loaFromAcr("toString", levels)).toBeNull();
    expect(loaFromAcr(undefined, levels)).toBeNull();
  });
});
