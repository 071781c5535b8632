// The menu per role; items are shown only when the policy allows the page.
import { can, type PolicyUser } from "~/policy/permissions";

export type NavItem = { to: string; label: string };

export function navigationFor(user: PolicyUser, opts: { testClock?: boolean } = {}): NavItem[] {
  const items: NavItem[] = [{ to: "/", label: "Forside" }];
  if (can(user, "call:read")) items.push({ to: "/calls", label: "Opslag" });
  if (can(user, "application:read:any")) items.push({ to: "/applications", label: "Ansøgninger" });
  else if (can(user, "application:read:own")) items.push({ to: "/applications", label: "Vores ansøgninger" });
  if (can(user, "grant:read:any")) items.push({ to: "/grants", label: "Tilsagn" });
  else if (can(user, "grant:read:own")) items.push({ to: "/grants", label: "Vores tilsagn" });
  if (can(user, "dashboard:read")) items.push({ to: "/dashboard", label: "Overblik" });
  if (can(user, "pool:read")) items.push({ to: "/pools", label: "Puljeoverblik" });
  if (can(user, "status-pack:create")) items.push({ to: "/status-pack", label: "Statuspakke" });
  if (can(user, "programme:read:any")) items.push({ to: "/programmes", label: "Rådgivningsforløb" });
  else if (can(user, "programme:read:own")) items.push({ to: "/programmes", label: "Vores rådgivningsforløb" });
  else if (can(user, "programme:read:assigned")) items.push({ to: "/programmes", label: "Mine rådgivningsforløb" });
  if (can(user, "programme:read")) items.push({ to: "/programmes/timeline", label: "Tidslinje" });
  if (can(user, "report:read:any")) items.push({ to: "/reports", label: "Statusrapporter" });
  else if (can(user, "report:read:own")) items.push({ to: "/reports", label: "Vores statusrapporter" });
  if (can(user, "payment:manage")) items.push({ to: "/payments", label: "Udbetalinger" });
  if (can(user, "users:manage")) items.push({ to: "/admin/users", label: "Brugere" });
  if (can(user, "audit:read")) items.push({ to: "/admin/audit", label: "Revisionsspor" });
  if (can(user, "mail:read")) items.push({ to: "/admin/mail", label: "E-post" });
  if (can(user, "report-reminders:manage")) items.push({ to: "/reports/reminders", label: "Påmindelser" });
  // Hidden where the test clock cannot be used (production).
  if (opts.testClock && can(user, "clock:manage")) items.push({ to: "/admin/clock", label: "Testur" });
  return items;
}
