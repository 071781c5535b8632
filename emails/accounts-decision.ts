import { composeEmail } from "./layout";

export type AccountsDecisionMail =
  | { kind: "returned"; reason: string }
  | { kind: "approved"; claim: string | null; explanation: string[] }
  | { kind: "repaid"; amount: string; paidOn: string };

/** To the municipality when the ministry returns or approves its accounts, or registers a repayment. */
export function accountsDecisionEmail(data: {
  name: string;
  /** Official: "Vesthimmerlands Kommune". */
  municipalityName: string;
  grantRef: string;
  link: string;
  decision: AccountsDecisionMail;
}) {
  const d = data.decision;
  const link = { link: data.link, label: "Åbn regnskabet i Puljeportal" };
  if (d.kind === "returned") {
    return composeEmail(`Regnskabet for tilsagnet (ansøgning ${data.grantRef}) er sendt retur`, `Kære ${data.name}`, [
      `Ministeriet har sendt regnskabet fra ${data.municipalityName} retur til rettelse.`,
      `Begrundelse:\n${d.reason}`,
      "Ret regnskabet, og indsend det igen.",
      link,
    ]);
  }
  if (d.kind === "approved") {
    return composeEmail(`Regnskabet for tilsagnet (ansøgning ${data.grantRef}) er godkendt`, `Kære ${data.name}`, [
      `Ministeriet har godkendt regnskabet fra ${data.municipalityName}.`,
      ...d.explanation,
      d.claim
        ? `Ministeriet kræver ${d.claim} tilbagebetalt. Betalingsoplysninger følger fra ministeriets økonomifunktion.`
        : "Tilsagnet er dermed afsluttet.",
      link,
    ]);
  }
  return composeEmail(`Tilbagebetaling for tilsagnet (ansøgning ${data.grantRef}) er registreret`, `Kære ${data.name}`, [
    `Ministeriet har registreret tilbagebetalingen af ${d.amount} fra ${data.municipalityName}, betalt ${d.paidOn}.`,
    "Tilsagnet er dermed afsluttet.",
    link,
  ]);
}
