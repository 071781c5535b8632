import { composeEmail } from "./layout";

/** To the municipality with the award letter (tilsagnsbrev) attached as PDF. */
export function awardLetterEmail(data: {
  name: string;
  municipalityName: string;
  callTitle: string;
  reference: string;
  amount: string;
  acceptanceDeadline: string;
  link: string;
}) {
  return composeEmail(`Tilsagn om tilskud: ansøgning ${data.reference}`, `Kære ${data.name}`, [
    `Social- og Boligministeriet giver ${data.municipalityName} tilsagn om tilskud på ${data.amount} fra „${data.callTitle}“.`,
    "Tilsagnsbrevet med vilkår, frister og udbetalingsplan er vedhæftet som PDF og ligger også i Puljeportal.",
    `Tilsagnet skal accepteres i Puljeportal senest ${data.acceptanceDeadline}. Accepteres det ikke inden fristen, bortfalder tilsagnet.`,
    `Referencenummer: ${data.reference}`,
    { link: data.link, label: "Se og acceptér tilsagnet i Puljeportal" },
  ]);
}

/** To the municipality with the rejection letter (afslag) attached as PDF. */
export function rejectionLetterEmail(data: { name: string; municipalityName: string; callTitle: string; reference: string; link: string }) {
  return composeEmail(`Afgørelse: ansøgning ${data.reference}`, `Kære ${data.name}`, [
    `Social- og Boligministeriet har truffet afgørelse om ansøgningen fra ${data.municipalityName} til „${data.callTitle}“.`,
    "Ansøgningen kan desværre ikke imødekommes. Brevet med begrundelsen er vedhæftet som PDF og ligger også i Puljeportal.",
    `Referencenummer: ${data.reference}`,
    { link: data.link, label: "Se ansøgningen i Puljeportal" },
  ]);
}

/** To the ministry's caseworkers when a municipality accepts its grant. */
export function grantAcceptedEmail(data: {
  name: string;
  municipalityName: string;
  reference: string;
  amount: string;
  acceptedAt: string;
  acceptedBy: string;
  link: string;
}) {
  return composeEmail(`Tilsagn accepteret: ${data.municipalityName} (${data.reference})`, `Kære ${data.name}`, [
    `${data.municipalityName} har accepteret tilsagnet på ${data.amount}. Accepteret ${data.acceptedAt} af ${data.acceptedBy}.`,
    `Referencenummer: ${data.reference}`,
    { link: data.link, label: "Åbn tilsagnet i Puljeportal" },
  ]);
}

/** To the municipality and the caseworkers when a grant lapses because it was not accepted in time. */
export function grantLapsedEmail(data: {
  name: string;
  municipalityName: string;
  reference: string;
  amount: string;
  deadline: string;
  link: string;
}) {
  return composeEmail(`Tilsagn bortfaldet: ${data.municipalityName} (${data.reference})`, `Kære ${data.name}`, [
    `Tilsagnet til ${data.municipalityName} på ${data.amount} er bortfaldet, fordi det ikke blev accepteret inden fristen ${data.deadline}.`,
    "Beløbet er frigivet og går tilbage til puljen. Kontakt ministeriet, hvis I mener, at dette er en fejl.",
    `Referencenummer: ${data.reference}`,
    { link: data.link, label: "Se tilsagnet i Puljeportal" },
  ]);
}
