import { composeEmail } from "./layout";

/** The daily digest: every application that arrived on one Copenhagen day, in one mail. */
export function applicationDigestEmail(data: {
  name: string;
  /** "26. november 2026" */
  day: string;
  applications: { reference: string; municipalityName: string; callTitle: string; link: string }[];
  listLink: string;
}) {
  const n = data.applications.length;
  const count = n === 1 ? "1 ny ansøgning" : `${n} nye ansøgninger`;
  return composeEmail(`Dagligt sammendrag: ${count} ${data.day}`, `Kære ${data.name}`, [
    `Disse ansøgninger kom ind ${data.day} på opslag, hvor du er sagsbehandler:`,
    ...data.applications.map((a) => ({
      link: a.link,
      label: `${a.reference} · ${a.municipalityName} · „${a.callTitle}“`,
    })),
    { link: data.listLink, label: "Se alle ansøgninger i Puljeportal" },
    "Du får ét sammendrag om dagen, fordi du har valgt det under Min konto. Dér kan du i stedet vælge en besked for hver ansøgning.",
  ]);
}
