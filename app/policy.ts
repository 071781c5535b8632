// One answer to "may this user do this to that", for loaders, actions and the UI.
// Unknown roles and missing users get nothing (least privilege).
import type { Role } from "#db/schema";

export type PolicyUser = {
  role: Role | string;
  municipalityCode: string | null;
  agencyId: number | null;
};

export type Permission =
  | "users:manage"
  | "audit:read"
  | "mail:read"
  | "pool:read"
  | "pool:manage"
  | "call:read"
  | "call:manage"
  | "application:list-all"
  | "application:create"
  | "application:edit"
  | "application:assess"
  | "application:reopen"
  | "application:assign"
  | "programme:read";

const grants: Record<Role, readonly Permission[]> = {
  admin: [
    "users:manage",
    "audit:read",
    "mail:read",
    "pool:read",
    "pool:manage",
    "call:read",
    "call:manage",
    "application:list-all",
    "application:assess",
    "application:reopen",
    "application:assign",
    "programme:read",
  ],
  caseworker: [
    "pool:read",
    "call:read",
    "call:manage",
    "application:list-all",
    "application:assess",
    "application:reopen",
    "programme:read",
  ],
  municipality: ["call:read", "application:create", "application:edit", "programme:read"],
  advisor: ["programme:read"],
};

export function can(user: PolicyUser | null | undefined, permission: Permission): boolean {
  if (!user) return false;
  const list = (grants as Record<string, readonly Permission[] | undefined>)[user.role];
  return list?.includes(permission) ?? false;
}

export function isMinistry(user: PolicyUser | null | undefined) {
  return user?.role === "admin" || user?.role === "caseworker";
}

/**
 * May the user see things that belong to this municipality? Ministry: all;
 * municipality users: their own; everyone else: none. The SQL scopes in
 * *.server.ts say the same thing in a WHERE clause.
 */
export function canSeeMunicipality(user: PolicyUser | null | undefined, code: string) {
  if (isMinistry(user)) return true;
  return user?.role === "municipality" && user.municipalityCode === code;
}

export const roleLabels: Record<Role, string> = {
  admin: "Administrator (ministeriet)",
  caseworker: "Sagsbehandler (ministeriet)",
  municipality: "Kommune",
  advisor: "Rådgiver",
};

export function roleLabel(role: string) {
  return (roleLabels as Record<string, string>)[role] ?? "Ukendt rolle";
}
