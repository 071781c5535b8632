import { composeEmail } from "./layout";

/** Kvittering for en indsendt statusrapport. */
export function progressReportReceiptEmail(data: { name: string; municipalityName: string; label: string; dueOn: string; submittedAt: string; versionNo: number; link: string }) {
  return composeEmail(`Kvittering: ${data.label} er modtaget`, `Kære ${data.name}`, [
    `Tak for ${data.label.toLowerCase()} fra ${data.municipalityName} (frist ${data.dueOn}). Vi har modtaget den ${data.submittedAt}${data.versionNo > 1 ? ` (version ${data.versionNo})` : ""}.`,
    "En sagsbehandler i ministeriet gennemgår rapporten. Du får besked, hvis der er noget, der skal rettes.",
    { link: data.link, label: "Se rapporten i Puljeportal" },
  ]);
}

/** Besked til kommunen: rapporten er sendt tilbage med kommentarer. */
export function progressReportSentBackEmail(data: { name: string; label: string; link: string }) {
  return composeEmail(`${data.label} er sendt tilbage til rettelse`, `Kære ${data.name}`, [
    `Ministeriet har gennemgået ${data.label.toLowerCase()} og sendt den tilbage med kommentarer. Kommentarerne står ud for de afsnit, de handler om.`,
    "Ret rapporten, og indsend den igen.",
    { link: data.link, label: "Åbn rapporten i Puljeportal" },
  ]);
}
