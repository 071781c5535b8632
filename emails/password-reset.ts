import { composeEmail } from "./layout";

export function passwordResetEmail(data: { name: string; link: string; expires: string }) {
  return composeEmail("Nulstil din adgangskode til Puljeportal", `Kære ${data.name}`, [
    "Vi har modtaget en anmodning om at nulstille din adgangskode.",
    { link: data.link, label: "Vælg en ny adgangskode" },
    `Linket kan bruges én gang og udløber ${data.expires}. Har du ikke bedt om det, kan du se bort fra denne e-mail.`,
  ]);
}
