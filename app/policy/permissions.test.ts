// The permission rules as plain functions: least privilege for unknown roles and
// missing users, ministry-only decisions, admin-only administration, `:own` bound to
// the user's municipality. Every check iterates PERMISSIONS, so a new permission is
// covered the day it is added.
import { describe, expect, it } from "vitest";
import { navigationFor } from "../navigation";
import {
  audienceOf,
  can,
  isMinistry,
  ministryRoles,
  ownMunicipality,
  PERMISSIONS,
  roleLabel,
  roleLabels,
  type Permission,
} from "./permissions";

const ROLES = Object.keys(roleLabels);
const user = (role: string, municipalityCode: string | null = role === "municipality" ? "0360" : null) => ({
  role,
  municipalityCode,
  agencyId: null,
});
const allowed = (role: string) => PERMISSIONS.filter((p) => can(user(role), p));
const unqualified = (p: Permission) => p.replace(/:(own|any|assigned)$/, "") as Permission;

describe("policy", () => {
  it("gives nothing to a missing user or an unknown role", () => {
    for (const p of PERMISSIONS) {
      for (const check of [p, unqualified(p)]) {
        expect(can(null, check)).toBe(false);
        expect(can(undefined, check)).toBe(false);
        expect(can(user("superuser"), check)).toBe(false);
        expect(can(user(""), check)).toBe(false);
        expect(can(user("toString"), check)).toBe(false);
        expect(can(user("__proto__"), check)).toBe(false);
      }
    }
    expect(isMinistry(user("superuser"))).toBe(false);
    expect(audienceOf(user("toString"))).toBe("none");
  });

  it("grants each permission to exactly the roles in this table", () => {
    const table: Record<Permission, string[]> = {
      "users:manage": ["admin"],
      "audit:read": ["admin"],
      "mail:read": ["admin"],
      "call:read:any": ["admin", "caseworker"],
      "call:read:own": ["admin", "caseworker", "municipality"],
      "call:manage": ["admin", "caseworker"],
      "application:read:any": ["admin", "caseworker"],
      "application:read:own": ["admin", "caseworker", "municipality"],
      "application:create:own": ["municipality"],
      "application:edit:own": ["municipality"],
      "application:assess": ["admin", "caseworker"],
      "application:reopen": ["admin", "caseworker"],
      "application:assign": ["admin"],
      "grant:read:any": ["admin", "caseworker"],
      "grant:read:own": ["admin", "caseworker", "municipality"],
      "allocation:prepare": ["admin", "caseworker"],
      "allocation:approve": ["admin"],
      "pool:read": ["admin", "caseworker"],
      "status-pack:create": ["admin", "caseworker"],
      "dashboard:read": ["admin", "caseworker"],
      "budget-change:request:own": ["municipality"],
      "budget-change:decide": ["admin", "caseworker"],
      "payment:manage": ["admin", "caseworker"],
      "payment:approve": ["admin", "caseworker"],
      "grant:accept:own": ["municipality"],
      "accounts:edit:own": ["municipality"],
      "accounts:decide": ["admin", "caseworker"],
      "programme:read:any": ["admin", "caseworker"],
      "programme:read:own": ["admin", "caseworker", "municipality"],
      "programme:read:assigned": ["admin", "caseworker", "advisor"],
      "programme:create": ["admin", "caseworker"],
      "programme:manage": ["admin", "caseworker"],
      "milestone:log:any": ["admin", "caseworker"],
      "milestone:log:assigned": ["admin", "caseworker", "advisor"],
      "milestone:comment:own": ["municipality"],
      "session:attend:own": ["municipality"],
      "report-reminders:manage": ["admin"],
      "report:read:any": ["admin", "caseworker"],
      "report:read:own": ["admin", "caseworker", "municipality"],
      "report:edit:own": ["municipality"],
      "report:review": ["admin", "caseworker"],
      "report:plan": ["admin", "caseworker"],
      "clock:manage": ["admin"],
      "pool:close": ["admin"],
      "pool:archive": ["admin"],
    };
    // The table names every permission there is, and nothing else.
    expect(Object.keys(table).sort()).toEqual([...PERMISSIONS].sort());
    for (const p of PERMISSIONS) expect(ROLES.filter((r) => can(user(r), p)), p).toEqual(table[p]);
  });

  it("reads an unqualified permission as 'in some scope'", () => {
    for (const p of PERMISSIONS) {
      for (const r of ROLES) {
        const anyScope = ["any", "own", "assigned"].some((q) => can(user(r), `${unqualified(p)}:${q}` as Permission));
        if (p !== unqualified(p)) expect(can(user(r), unqualified(p)), `${r} ${p}`).toBe(anyScope);
      }
    }
  });

  it("binds ':own' to the user's municipality, and gives it nothing without one", () => {
    const m = user("municipality", "0360");
    expect(can(m, "application:edit", { municipalityCode: "0360" })).toBe(true);
    expect(can(m, "application:edit", { municipalityCode: "0101" })).toBe(false);
    expect(can(m, "application:edit", { municipalityCode: null })).toBe(false);
    expect(can(m, "application:read:any")).toBe(false);
    // `:any` holds for every record.
    expect(can(user("caseworker"), "application:read", { municipalityCode: "0101" })).toBe(true);
    // A municipality user without a municipality owns nothing.
    expect(allowed("municipality").length).toBeGreaterThan(0);
    expect(PERMISSIONS.filter((p) => can(user("municipality", null), p))).toEqual([]);
    expect(ownMunicipality(m)).toBe("0360");
    expect(ownMunicipality(user("admin", "0360"))).toBeNull();
  });

  it("sorts users into the side of the service they work on", () => {
    expect(ROLES.map((r) => audienceOf(user(r)))).toEqual(["ministry", "ministry", "municipality", "advisor"]);
    expect(ministryRoles).toEqual(["admin", "caseworker"]);
    expect(allowed("advisor")).toEqual(["programme:read:assigned", "milestone:log:assigned"]);
    // ":assigned" binds to no municipality: an advisor owns none, and the scope decides.
    expect(ownMunicipality(user("advisor", "0360"))).toBeNull();
    expect(can(user("advisor"), "programme:read")).toBe(true);
    expect(can(user("advisor"), "programme:read:own")).toBe(false);
    expect(can(user("advisor"), "milestone:comment")).toBe(false);
  });

  it("builds the menu from the same rules", () => {
    const labels = (role: string) => navigationFor(user(role)).map((i) => i.label);
    expect(labels("admin")).toEqual(["Forside", "Opslag", "Ansøgninger", "Tilsagn", "Overblik", "Puljeoverblik", "Statuspakke", "Rådgivningsforløb", "Tidslinje", "Statusrapporter", "Udbetalinger", "Brugere", "Revisionsspor", "E-post", "Påmindelser"]);
    expect(labels("caseworker")).toEqual(["Forside", "Opslag", "Ansøgninger", "Tilsagn", "Overblik", "Puljeoverblik", "Statuspakke", "Rådgivningsforløb", "Tidslinje", "Statusrapporter", "Udbetalinger"]);
    expect(labels("municipality")).toEqual(["Forside", "Opslag", "Vores ansøgninger", "Vores tilsagn", "Vores rådgivningsforløb", "Tidslinje", "Vores statusrapporter"]);
    expect(labels("advisor")).toEqual(["Forside", "Mine rådgivningsforløb", "Tidslinje"]);
    expect(labels("unknown")).toEqual(["Forside"]);
  });
});

describe("roleLabel", () => {
  it("names known roles in Danish and anything else as unknown", () => {
    expect(roleLabel("caseworker")).toBe("Sagsbehandler (ministeriet)");
    expect(roleLabel("toString")).toBe("Ukendt rolle");
  });
});
