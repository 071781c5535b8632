import { composeEmail } from "./layout";

/** To the caseworker when a municipality requests a budget change (pending or registered). */
export function budgetChangeRequestedEmail(data: {
  name: string;
  /** Official: "Lolland Kommune". */
  municipalityName: string;
  callTitle: string;
  needsApproval: boolean;
  explanation: string;
  reason: string;
  link: string;
}) {
  const subject = data.needsApproval
    ? `Budgetændring fra ${data.municipalityName} venter på afgørelse`
    : `Budgetændring fra ${data.municipalityName} er registreret`;
  return composeEmail(subject, `Kære ${data.name}`, [
    data.needsApproval
      ? `${data.municipalityName} har anmodet om en budgetændring på tilsagnet fra „${data.callTitle}“. Ændringen kræver ministeriets forhåndsgodkendelse.`
      : `${data.municipalityName} har registreret en budgetændring på tilsagnet fra „${data.callTitle}“. Den ligger under grænserne for forhåndsgodkendelse og gælder nu. Beskeden er til orientering.`,
    `Vurdering efter reglen:\n${data.explanation}`,
    `Kommunens begrundelse:\n${data.reason}`,
    { link: data.link, label: data.needsApproval ? "Se og afgør budgetændringen i Puljeportal" : "Se budgetændringen i Puljeportal" },
  ]);
}
