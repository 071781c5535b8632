import { describe, expect, it } from "vitest";
import { invitationEmail, invitedAs } from "./invitation";

describe("invitation wording", () => {
  it.each([
    ["municipality", "Ærø Kommune", "som medarbejder i Ærø Kommune"],
    ["advisor", "Social- og Boligstyrelsen", "som rådgiver i Social- og Boligstyrelsen"],
    ["caseworker", "", "som sagsbehandler i Social- og Boligministeriet"],
    ["admin", "", "som administrator i Social- og Boligministeriet"],
  ] as const)("%s %j → %j", (role, organisation, phrase) => {
    expect(invitedAs(role, organisation)).toBe(phrase);
    const mail = invitationEmail({ name: "Ayşe", link: "http://x/i/abc", role, organisation, expires: "1. december 2026 kl. 12:00" });
    expect(mail.text).toContain(`Du er inviteret til Puljeportal ${phrase}.`);
    expect(mail.text).not.toMatch(/Kommune for .* Kommune/);
  });
});
