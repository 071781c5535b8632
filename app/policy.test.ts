// The permission rules as plain functions: least privilege for unknown roles and
// missing users, ministry-only decisions, admin-only administration.
import { describe, expect, it } from "vitest";
import { navigationFor } from "./navigation";
import { can, isMinistry, type Permission } from "./policy";

const user = (role: string) => ({ role, municipalityCode: role === "municipality" ? "0360" : null, agencyId: null });
const ALL: Permission[] = [
  "users:manage",
  "audit:read",
  "mail:read",
  "call:read",
  "call:manage",
  "application:list-all",
  "application:create",
  "application:edit",
  "application:assess",
  "application:reopen",
  "application:assign",
];
const allowed = (role: string) => ALL.filter((p) => can(user(role), p));

describe("policy", () => {
  it("gives nothing to a missing user or an unknown role", () => {
    for (const p of ALL) {
      expect(can(null, p)).toBe(false);
      expect(can(undefined, p)).toBe(false);
      expect(can(user("superuser"), p)).toBe(false);
      expect(can(user(""), p)).toBe(false);
      expect(can(user("toString"), p)).toBe(false);
    }
    expect(isMinistry(user("superuser"))).toBe(false);
  });

  it("lets only admins administer users, read the audit trail and mail, and assign caseworkers", () => {
    for (const p of ["users:manage", "audit:read", "mail:read", "application:assign"] as const) {
      expect(["admin", "caseworker", "municipality", "advisor"].filter((r) => can(user(r), p))).toEqual(["admin"]);
    }
  });

  it("lets only ministry staff manage calls and assess applications", () => {
    for (const p of ["call:manage", "application:list-all", "application:assess", "application:reopen"] as const) {
      expect(["admin", "caseworker", "municipality", "advisor"].filter((r) => can(user(r), p))).toEqual(["admin", "caseworker"]);
    }
  });

  it("lets municipality users read calls and apply, nothing more", () => {
    expect(allowed("municipality")).toEqual(["call:read", "application:create", "application:edit"]);
    expect(allowed("advisor")).toEqual([]);
  });

  it("builds the menu from the same rules", () => {
    const labels = (role: string) => navigationFor(user(role)).map((i) => i.label);
    expect(labels("admin")).toEqual(["Forside", "Opslag", "Ansøgninger", "Brugere", "Revisionsspor", "E-post"]);
    expect(labels("caseworker")).toEqual(["Forside", "Opslag", "Ansøgninger"]);
    expect(labels("municipality")).toEqual(["Forside", "Opslag", "Vores ansøgninger"]);
    expect(labels("advisor")).toEqual(["Forside"]);
    expect(labels("unknown")).toEqual(["Forside"]);
  });
});

describe("roleLabel", () => {
  it("names known roles in Danish and anything else as unknown", async () => {
    const { roleLabel } = await import("./policy");
    expect(roleLabel("caseworker")).toBe("Sagsbehandler (ministeriet)");
    expect(roleLabel("toString")).toBe("Ukendt rolle");
  });
});
