// One answer to "may this user do this to that", for loaders, actions and the UI.
// Unknown roles and missing users get nothing (least privilege).
import type { Role } from "~/auth/account-constants";

export type PolicyUser = {
  role: Role | string;
  municipalityCode: string | null;
  agencyId: number | null;
};

export type Permission =
  | "users:manage"
  | "audit:read"
  | "mail:read"
  | "call:read"
  | "call:manage"
  | "application:list-all"
  | "application:create"
  | "application:edit"
  | "application:assess"
  | "application:reopen"
  | "application:assign";

const grants: Record<Role, readonly Permission[]> = {
  admin: [
    "users:manage",
    "audit:read",
    "mail:read",
    "call:read",
    "call:manage",
    "application:list-all",
    "application:assess",
    "application:reopen",
    "application:assign",
  ],
  caseworker: [
    "call:read",
    "call:manage",
    "application:list-all",
    "application:assess",
    "application:reopen",
  ],
  municipality: ["call:read", "application:create", "application:edit"],
  // Advisors get their programmes with the advisory-programme issue; until then, nothing.
  advisor: [],
};

export function can(user: PolicyUser | null | undefined, permission: Permission): boolean {
  if (!user) return false;
  // Own keys only: a role like "toString" must not reach Object.prototype.
  if (!Object.hasOwn(grants, user.role)) return false;
  return grants[user.role as Role].includes(permission);
}

export function isMinistry(user: PolicyUser | null | undefined) {
  return user?.role === "admin" || user?.role === "caseworker";
}

export const roleLabels: Record<Role, string> = {
  admin: "Administrator (ministeriet)",
  caseworker: "Sagsbehandler (ministeriet)",
  municipality: "Kommune",
  advisor: "Rådgiver",
};

export function roleLabel(role: string) {
  return Object.hasOwn(roleLabels, role) ? roleLabels[role as Role] : "Ukendt rolle";
}
