import { composeEmail } from "./layout";

/** To a caseworker of the call when a municipality submits (or resubmits) an application. */
export function applicationArrivedEmail(data: {
  name: string;
  municipalityName: string;
  callTitle: string;
  reference: string;
  submittedAt: string;
  resubmitted: boolean;
  link: string;
}) {
  const what = data.resubmitted ? "indsendt igen efter rettelse" : "modtaget";
  return composeEmail(`Ny ansøgning ${data.reference} fra ${data.municipalityName}`, `Kære ${data.name}`, [
    `Ansøgningen fra ${data.municipalityName} til „${data.callTitle}“ er ${what} ${data.submittedAt}.`,
    `Referencenummer: ${data.reference}`,
    { link: data.link, label: "Åbn ansøgningen i Puljeportal" },
    "Du får denne besked, fordi du er sagsbehandler på opslaget. Under Min konto kan du i stedet vælge ét dagligt sammendrag.",
  ]);
}
