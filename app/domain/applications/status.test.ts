// The application's status machine, whole: every status × every event, by table. A
// cell is the status the event leads to, or "—" when it is refused. Then the status
// labels per audience.
import { describe, expect, it } from "vitest";
import { APPLICATION_STATUSES } from "./application-constants";
import {
  applicationMachine,
  isEditableByMunicipality,
  municipalityStatus,
  statusesForMunicipalityFilter,
  statusLabelFor,
  statusLabels,
  transition,
  type ApplicationEvent,
} from "./status";

const EVENTS: ApplicationEvent[] = [
  "save",
  "submit",
  "reopen",
  "approve_formalia",
  "propose_rejection",
  "score",
  "complete_assessment",
  "reconsider",
  "grant",
  "reject",
  "note",
];

// prettier-ignore
const TABLE = {
  //                   save          submit       reopen        approve_formalia     propose_rejection     score                complete_assessment reconsider           grant        reject       note
  draft:              ["draft",      "submitted", "—",          "—",                 "—",                  "—",                 "—",                "—",                 "—",         "—",         "—"],
  submitted:          ["—",          "—",         "correction", "formalia_approved", "rejection_proposed", "—",                 "—",                "—",                 "—",         "rejected",  "submitted"],
  correction:         ["correction", "submitted", "—",          "—",                 "—",                  "—",                 "—",                "—",                 "—",         "—",         "correction"],
  formalia_approved:  ["—",          "—",         "correction", "formalia_approved", "rejection_proposed", "formalia_approved", "assessed",         "—",                 "granted",   "rejected",  "formalia_approved"],
  rejection_proposed: ["—",          "—",         "correction", "formalia_approved", "rejection_proposed", "—",                 "—",                "submitted",         "—",         "rejected",  "rejection_proposed"],
  assessed:           ["—",          "—",         "—",          "—",                 "—",                  "—",                 "—",                "formalia_approved", "granted",   "rejected",  "assessed"],
  granted:            ["—",          "—",         "—",          "—",                 "—",                  "—",                 "—",                "—",                 "—",         "—",         "granted"],
  rejected:           ["—",          "—",         "—",          "—",                 "—",                  "—",                 "—",                "—",                 "—",         "—",         "rejected"],
} as const;

describe("application status machine", () => {
  it("names every status and every event", () => {
    expect(Object.keys(TABLE).sort()).toEqual([...APPLICATION_STATUSES].sort());
    expect([...EVENTS].sort()).toEqual(Object.keys(applicationMachine.rules).sort());
  });

  for (const [from, row] of Object.entries(TABLE) as [keyof typeof TABLE, readonly string[]][]) {
    it(`from ${from}`, () => {
      EVENTS.forEach((event, i) => {
        const r = transition(from, event);
        if (row[i] === "—") {
          expect(r.ok, `${from} + ${event}`).toBe(false);
          if (!r.ok) {
            expect(r.kind).toBe("conflict");
            expect(r.message).toMatch(/^[A-ZÆØÅ].+\.$/);
          }
        } else {
          expect(r, `${from} + ${event}`).toEqual({ ok: true, value: row[i] });
        }
      });
    });
  }

  it("says why, in the words of the status", () => {
    expect(transition("submitted", "save")).toMatchObject({ message: "Ansøgningen har status „Indsendt“ og kan ikke længere ændres." });
    // Only municipalities save: the status is named as they see it, never an internal state.
    expect(transition("rejection_proposed", "save")).toMatchObject({ message: "Ansøgningen har status „Under behandling“ og kan ikke længere ændres." });
    expect(transition("draft", "approve_formalia")).toMatchObject({ message: "Ansøgningen er ikke indsendt endnu og kan ikke vurderes." });
    expect(transition("assessed", "score")).toMatchObject({ message: "Vurderingen er afsluttet. Tag den op igen for at ændre scorerne." });
  });

  it("lets the municipality edit exactly where it may save", () => {
    expect(APPLICATION_STATUSES.filter(isEditableByMunicipality)).toEqual(["draft", "correction"]);
  });
});

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
