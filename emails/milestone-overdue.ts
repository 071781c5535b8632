import { composeEmail } from "./layout";

/** To each advisor assigned to a programme when one of its milestones is overdue (once per planned date). */
export function milestoneOverdueEmail(data: {
  name: string;
  /** "Lolland Kommune" */
  municipalityName: string;
  milestoneTitle: string;
  /** "15.03.2024" */
  plannedOn: string;
  statusLabel: string;
  link: string;
}) {
  return composeEmail(`Milepæl overskredet: ${data.milestoneTitle} (${data.municipalityName})`, `Kære ${data.name}`, [
    `Milepælen „${data.milestoneTitle}“ i rådgivningsforløbet med ${data.municipalityName} var planlagt til ${data.plannedOn} og er endnu ikke registreret som gennemført (status: ${data.statusLabel}).`,
    "Registrér milepælen som gennemført med en kort note, eller udskyd den til en ny dato med en begrundelse. Du får kun denne påmindelse én gang for datoen; udskyder du milepælen, får du en ny påmindelse, hvis den nye dato også passeres.",
    { link: data.link, label: "Åbn forløbet i Puljeportal" },
  ]);
}
