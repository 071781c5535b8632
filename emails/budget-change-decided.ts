import { composeEmail } from "./layout";

/** To the municipality when the ministry approves or rejects its budget change. */
export function budgetChangeDecidedEmail(data: {
  name: string;
  municipalityName: string;
  callTitle: string;
  approved: boolean;
  note: string;
  link: string;
}) {
  const subject = data.approved ? "Jeres budgetændring er godkendt" : "Jeres budgetændring er afvist";
  return composeEmail(subject, `Kære ${data.name}`, [
    data.approved
      ? `Ministeriet har godkendt budgetændringen for ${data.municipalityName} på tilsagnet fra „${data.callTitle}“. Det nye budget gælder nu, og de udbetalinger, der endnu ikke er udbetalt, følger det.`
      : `Ministeriet har afvist budgetændringen for ${data.municipalityName} på tilsagnet fra „${data.callTitle}“. Det hidtidige budget gælder fortsat.`,
    ...(data.note ? [`Ministeriets begrundelse:\n${data.note}`] : []),
    { link: data.link, label: "Se tilsagnet i Puljeportal" },
  ]);
}
