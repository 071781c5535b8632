import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES } from "./application-constants";
import { municipalityStatus, statusesForMunicipalityFilter, statusLabelFor, statusLabels } from "./status";

const INTERNAL = ["Formalia godkendt", "Indstillet til afslag", "Vurderet"];

describe("status labels per audience", () => {
  it("shows the ministry every internal state", () => {
    expect(APPLICATION_STATUSES.map((s) => statusLabelFor(s, "ministry"))).toEqual(APPLICATION_STATUSES.map((s) => statusLabels[s]));
  });

  it("never shows a municipality (or anyone not ministry) an internal state", () => {
    for (const audience of ["municipality", "advisor", "none"]) {
      const labels = APPLICATION_STATUSES.map((s) => statusLabelFor(s, audience));
      for (const internal of INTERNAL) expect(labels).not.toContain(internal);
    }
    expect(statusLabelFor("submitted", "municipality")).toBe("Indsendt");
    expect(statusLabelFor("formalia_approved", "municipality")).toBe("Under behandling");
    expect(statusLabelFor("rejection_proposed", "municipality")).toBe("Under behandling");
    expect(statusLabelFor("assessed", "municipality")).toBe("Under behandling");
    expect(statusLabelFor("correction", "municipality")).toBe("Genåbnet til rettelse");
    expect(statusLabelFor("draft", "municipality")).toBe("Kladde");
  });

  it("maps the municipality's filter values back to the statuses they cover, and nothing else", () => {
    expect(statusesForMunicipalityFilter("in_review")).toEqual(["formalia_approved", "rejection_proposed", "assessed"]);
    expect(statusesForMunicipalityFilter("submitted")).toEqual(["submitted"]);
    expect(statusesForMunicipalityFilter("rejection_proposed")).toBeNull();
    expect(municipalityStatus("assessed")).toBe("in_review");
  });
});
