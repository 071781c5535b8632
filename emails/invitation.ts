import { composeEmail } from "./layout";

export function invitationEmail(data: { name: string; link: string; roleLabel: string; organisation: string; expires: string }) {
  return composeEmail("Invitation til Puljeportal", `Kære ${data.name}`, [
    `Du er inviteret til Puljeportal som ${data.roleLabel}${data.organisation ? ` for ${data.organisation}` : ""}.`,
    "Vælg din adgangskode via linket herunder. Linket kan bruges én gang.",
    { link: data.link, label: "Opret din adgang" },
    `Linket udløber ${data.expires}.`,
  ]);
}
