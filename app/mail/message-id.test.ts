import { describe, expect, it } from "vitest";
import { newMessageId, senderDomain } from "./message-id";

describe("Message-ID", () => {
  it.each([
    ["Puljeportal <noreply@puljeportal.local>", "puljeportal.local"],
    ["Social- og Boligministeriet <NoReply@SM.dk>", "sm.dk"],
    ["noreply@puljer.sm.dk", "puljer.sm.dk"],
    ['"Puljeportal, SM" <puljer@sm.dk>', "sm.dk"],
    ["ingen adresse", "puljeportal.local"],
  ])("uses the domain of MAIL_FROM %j", (from, domain) => {
    expect(senderDomain(from)).toBe(domain);
    expect(newMessageId(from)).toMatch(new RegExp(`^<[0-9a-f-]{36}@${domain.replace(/\./g, "\\.")}>$`));
  });
});
