import { composeEmail } from "./layout";

/** Kvittering for en indsendt ansøgning; the PDF copy travels as an attachment. */
export function applicationReceiptEmail(data: {
  name: string;
  municipalityName: string;
  callTitle: string;
  reference: string;
  submittedAt: string;
  requested: string;
  link: string;
}) {
  return composeEmail(`Kvittering: ansøgning ${data.reference} er modtaget`, `Kære ${data.name}`, [
    `Tak for ansøgningen fra ${data.municipalityName} til „${data.callTitle}“. Vi har modtaget den ${data.submittedAt}.`,
    `Referencenummer: ${data.reference}\nAnsøgt beløb: ${data.requested}`,
    "En kopi af ansøgningen er vedhæftet som PDF.",
    "Ministeriet kontrollerer først, at ansøgningen opfylder de formelle krav (formalia), og vurderer den derefter. Alle ansøgere får svar, når vurderingen er afsluttet. Henvend dig til ministeriet, hvis der er fejl i ansøgningen.",
    { link: data.link, label: "Se ansøgningen i Puljeportal" },
  ]);
}
