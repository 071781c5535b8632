import { composeEmail } from "./layout";

type InvitedRole = "admin" | "caseworker" | "municipality" | "advisor";

/** "som medarbejder i Ærø Kommune": the role said the way a person reads it, the organisation named once. */
export function invitedAs(role: InvitedRole, organisation: string): string {
  switch (role) {
    case "municipality":
      return organisation ? `som medarbejder i ${organisation}` : "som kommunal medarbejder";
    case "advisor":
      return organisation ? `som rådgiver i ${organisation}` : "som rådgiver";
    case "caseworker":
      return "som sagsbehandler i Social- og Boligministeriet";
    case "admin":
      return "som administrator i Social- og Boligministeriet";
  }
}

export function invitationEmail(data: { name: string; link: string; role: InvitedRole; organisation: string; expires: string }) {
  return composeEmail("Invitation til Puljeportal", `Kære ${data.name}`, [
    `Du er inviteret til Puljeportal ${invitedAs(data.role, data.organisation)}.`,
    "Vælg din adgangskode via linket herunder. Linket kan bruges én gang.",
    { link: data.link, label: "Opret din adgang" },
    `Linket udløber ${data.expires}.`,
  ]);
}
