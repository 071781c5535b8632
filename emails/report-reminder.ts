import type { ReportReminderKind } from "../app/domain/reports/report-constants";
import { composeEmail } from "./layout";

/**
 * To the municipality's active users before a report's due date (14 and 3 days) and the day
 * after it was missed; once per due date and reminder.
 */
export function reportReminderEmail(data: {
  kind: ReportReminderKind;
  name: string;
  /** "Lolland Kommune" */
  municipalityName: string;
  /** "1. statusrapport" or "Slutrapport" */
  reportLabel: string;
  callTitle: string;
  /** "30.06.2024" */
  dueOn: string;
  link: string;
}) {
  const what = `„${data.reportLabel}“ for tilskuddet fra „${data.callTitle}“`;
  if (data.kind === "overdue_1") {
    return composeEmail(`Rapporten er ikke modtaget: ${data.reportLabel} (frist ${data.dueOn})`, `Kære ${data.name}`, [
      `${data.municipalityName} skulle have indsendt ${what} senest ${data.dueOn}. Vi har ikke modtaget rapporten.`,
      "Indsend rapporten hurtigst muligt. Så længe en rapport mangler, standses udbetalingerne af tilskuddet; de genoptages, når rapporten er godkendt.",
      { link: data.link, label: "Åbn tilskuddet i Puljeportal" },
    ]);
  }
  const days = data.kind === "before_14" ? "14 dage" : "3 dage";
  return composeEmail(`Påmindelse: ${data.reportLabel} skal indsendes senest ${data.dueOn}`, `Kære ${data.name}`, [
    `Om ${days} – senest ${data.dueOn} – skal ${data.municipalityName} indsende ${what}.`,
    "Du kan gemme rapporten som kladde undervejs og indsende den, når den er færdig. Du får ikke flere påmindelser om rapporten, når den er indsendt.",
    { link: data.link, label: "Åbn tilskuddet i Puljeportal" },
  ]);
}
