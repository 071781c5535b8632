import { composeEmail } from "./layout";

/** To the municipality when the ministry reopens a submitted application for a correction. */
export function applicationReopenedEmail(data: {
  /** The recipient's name (the municipality's official name when no person is known). */
  name: string;
  /** Official: "Vesthimmerlands Kommune". */
  municipalityName: string;
  callTitle: string;
  reference: string;
  reason: string;
  link: string;
}) {
  return composeEmail(`Ansøgning ${data.reference} er genåbnet til rettelse`, `Kære ${data.name}`, [
    `Ministeriet har genåbnet ansøgningen fra ${data.municipalityName} til „${data.callTitle}“, så I kan rette den.`,
    `Begrundelse:\n${data.reason}`,
    "Ret ansøgningen, og indsend den igen. Den kan indsendes, selv om ansøgningsfristen er overskredet.",
    { link: data.link, label: "Åbn ansøgningen i Puljeportal" },
  ]);
}
