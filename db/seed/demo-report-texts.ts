// Demo: the Danish texts of the nine grants' status reports (2023–2025). Invented, like
// all demo data. The sentences that name an advisory programme are worked out from the
// programme's own dates and focus (DEMO_PROGRAMMES), so a report never says a programme
// had started before it did.
import type { Theme } from "../../app/domain/reports/report-constants";
import { formatLongDate } from "../../app/utils/dates";
import { DEMO_PROGRAMMES } from "./demo-programmes";

/** The four reports of a 2023–2024 grant: three half-yearly status reports and the final report. */
export const PERIODS = [
  { start: "2023-01-01", end: "2023-06-30", name: "første halvår 2023" },
  { start: "2023-07-01", end: "2023-12-31", name: "andet halvår 2023" },
  { start: "2024-01-01", end: "2024-06-30", name: "første halvår 2024" },
  { start: "2023-01-01", end: "2024-12-31", name: "projektperioden 2023–2024" },
] as const;

// ---------------------------------------------------------------- themes

/** Two wordings per score (1 and 5 have one), so municipalities with the same score differ. */
const THEME_NOTES: Record<Theme, Record<number, string[]>> = {
  udredning: {
    1: ["Udredningerne er forsinkede i de fleste sager; afdelingen har ikke haft tid til at ændre arbejdsgangen."],
    2: [
      "Udredningerne er ofte for brede og bliver forsinkede. Vi er ved at indføre en fast skabelon.",
      "Familiens ressourcer beskrives sjældent i undersøgelserne; det er første prioritet.",
    ],
    3: [
      "Skabelonen for børnefaglige undersøgelser bruges i de fleste sager, men fristen holder ikke altid.",
      "Undersøgelserne er blevet mere fokuserede, men netværket beskrives stadig for kort.",
    ],
    4: [
      "Undersøgelserne er fokuserede, og flere bliver færdige inden for de fire måneder.",
      "Familiens og netværkets ressourcer beskrives nu i de fleste undersøgelser.",
    ],
    5: ["Udredningen er systematisk i næsten alle sager, og ledelsen følger op på fristerne hver uge."],
  },
  indsats: {
    1: ["Handleplanerne er ikke opdateret i mange sager."],
    2: [
      "Handleplanerne mangler ofte konkrete mål, som barnet og forældrene kan genkende.",
      "Indsatsen vælges tit ud fra, hvad der er ledigt, frem for hvad udredningen peger på.",
    ],
    3: [
      "Målene i handleplanerne er mere konkrete, men sammenhængen til den valgte indsats er ikke altid tydelig.",
      "Flere handleplaner har nu mål, der kan følges op på; de ældste sager mangler stadig.",
    ],
    4: [
      "Indsatsen vælges ud fra udredningen, og målene formuleres sammen med familien.",
      "Handleplanerne har konkrete mål i de sager, ledelsen har gennemgået.",
    ],
    5: ["Mål, indsats og handleplan hænger sammen i de gennemgåede sager og bruges aktivt på møderne."],
  },
  opfoelgning: {
    1: ["Opfølgningen er bagud i de fleste sager."],
    2: [
      "Opfølgningen sker for sent i mange sager på grund af sagstallet.",
      "Opfølgningsmøder bliver ofte aflyst, når der kommer akutte sager.",
    ],
    3: [
      "Opfølgningsmøderne står i kalenderen, men nogle bliver stadig udskudt.",
      "Opfølgningen sker til tiden i flere sager, men resultatet skrives ikke altid ind i handleplanen.",
    ],
    4: [
      "Opfølgningen sker til tiden i langt de fleste sager, og resultatet bruges i handleplanen.",
      "Faste opfølgningsmøder hver tredje måned holder nu i næsten alle sager.",
    ],
    5: ["Opfølgning er en fast del af arbejdsgangen og dokumenteres ens i alle teams."],
  },
  inddragelse: {
    1: ["Barnet bliver sjældent hørt, før der træffes afgørelse."],
    2: [
      "Barnet høres typisk først kort før afgørelsen.",
      "Børnesamtalerne holdes, men barnets ønsker står sjældent i sagen bagefter.",
    ],
    3: [
      "Flere børn bliver hørt tidligt i sagen, men netværket inddrages sjældent.",
      "Børnesamtaler holdes nu før de fleste afgørelser; det løbende samarbejde med barnet er næste skridt.",
    ],
    4: [
      "Børnesamtaler holdes løbende og ikke kun før afgørelser, og netværket inddrages oftere.",
      "Barnets perspektiv står i de fleste sager, og barnet får besked om, hvad der er besluttet.",
    ],
    5: ["Barnets perspektiv står tydeligt i sagerne, og barnet er med til at følge op på målene."],
  },
};

export function themeNote(theme: Theme, score: number, variant: number): string {
  const notes = THEME_NOTES[theme][score]!;
  return notes[variant % notes.length]!;
}

// ---------------------------------------------------------------- narrative

export type NarrativeInput = {
  municipality: string;
  /** 0–2: the half-yearly status reports, 3: the final report. */
  period: number;
  variant: number;
  /** Indicator values of this report and, for the final report, of the first one. */
  trained: number;
  reviewed: number;
  conversationsFirst: number;
  conversationsNow: number;
  /** The grant's budget was changed (budget version in force above 1). */
  budgetChanged: boolean;
  /** The over-budget line, when this report shows it: its label, quarter and amount as text. */
  overBudget?: { category: string; quarter: string; amount: string };
  /** The settled grant's unspent amount and line, on its final report. */
  unspent?: { category: string; amount: string };
};

const AGENCIES = { sbst: "Social- og Boligstyrelsen og Ankestyrelsen", ast: "Ankestyrelsen og Social- og Boligstyrelsen" };
const month = (iso: string) => formatLongDate(iso).replace(/^\d+\. /, "");

function focusList(focus: string[]) {
  const words = focus.map((f) => f.toLowerCase());
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} og ${words[words.length - 1]}` : words[0] ?? "";
}

/** What the report can say about the grant's advisory programme at the end of the period. */
export function programmeSentence(municipality: string, period: number): string {
  const p = DEMO_PROGRAMMES.find((x) => x.municipality === municipality);
  if (!p) return "";
  const { start, end } = PERIODS[period]!;
  const who = AGENCIES[p.lead];
  if (period === 3) {
    return p.plannedEndOn > end
      ? `Rådgivningsforløbet med ${who} begyndte ${formatLongDate(p.startsOn)} og løber til ${month(p.plannedEndOn)}, efter projektperioden; fokus er ${focusList(p.focus)}.`
      : `Rådgivningsforløbet med ${who} løb fra ${formatLongDate(p.startsOn)} til ${formatLongDate(p.plannedEndOn)} med fokus på ${focusList(p.focus)}.`;
  }
  if (p.startsOn > end) return `Rådgivningsforløbet med ${who} er planlagt til at begynde i ${month(p.startsOn)}.`;
  if (p.startsOn >= start) return `Rådgivningsforløbet med ${who} begyndte ${formatLongDate(p.startsOn)} med fokus på ${focusList(p.focus)}.`;
  if (p.plannedEndOn > end) return `Rådgivningsforløbet fortsætter efter planen; sagsgennemgangen og ${p.focus[0]!.toLowerCase()} fylder mest i perioden.`;
  if (p.plannedEndOn >= start) return `Rådgivningsforløbet blev afsluttet ${formatLongDate(p.plannedEndOn)}; læringen fra sagsgennemgangen er samlet i et notat til afdelingen.`;
  return "Efter rådgivningsforløbet holder afdelingen selv fast i en månedlig sagsgennemgang.";
}

/** One local detail per municipality, in the period it belongs to. */
const LOCAL: Record<string, Record<number, string>> = {
  Lolland: { 1: "Nye rådgivere har fået faste sparringsmøder hver anden uge." },
  Langeland: { 1: "I stedet for den aflyste workshop deltog rådgiverne i det tværkommunale læringsseminar om børneinddragelse i november." },
  Tønder: { 1: "Afdelingen fik ny leder i oktober 2023." },
  Samsø: { 0: "Med få sager i afdelingen bruges vikardækningen i korte perioder, når de to rådgivere er på kursus." },
  Faxe: { 1: "Faxe har bygget en enkel månedlig opgørelse af fristerne ud fra fagsystemet." },
  Norddjurs: { 2: "Ledelsestilsynet omfatter nu også sager om anbringelse." },
  Billund: { 2: "Billund har afprøvet netværksmøder tidligt i sagen i ti sager." },
  Struer: { 2: "Omorganiseringen i foråret 2024 samlede myndighed og forebyggelse i én afdeling." },
  Vesthimmerland: { 3: "De første sager i den opfølgende sagsgennemgang er gennemgået sammen med rådgiverne fra Social- og Boligstyrelsen." },
};

const DEVIATIONS: string[][] = [
  [
    "Ingen væsentlige afvigelser fra planen.",
    "Det tog længere tid end ventet at finde vikarer; vikardækningen kom først helt på plads i marts, så forbruget i 1. kvartal er lavere end budgetteret.",
    "Efteruddannelsen begyndte en måned senere end planlagt, fordi underviseren først kunne i marts. Ellers ingen afvigelser.",
  ],
  ["Ingen væsentlige afvigelser fra planen.", "To ledelsestilsyn blev flyttet fra december til januar på grund af sygdom. Ellers ingen afvigelser."],
  [
    "Ingen væsentlige afvigelser fra planen.",
    "Forbruget på vikardækning er lidt lavere end budgetteret, fordi færre medarbejdere var på kursus i foråret.",
  ],
  ["Projektet er gennemført som planlagt, og forbruget ligger lidt under tilsagnet.", "Ingen væsentlige afvigelser; forbruget ligger lidt under tilsagnet."],
];

const NEXT_STEPS: string[][] = [
  [
    "I andet halvår udvides ledelsestilsynet til alle nye sager, og næste modul af efteruddannelsen gennemføres.",
    "I andet halvår holdes børnesamtaler før alle afgørelser, og opfølgningsmøderne lægges fast i kalenderen.",
  ],
  [
    "I første halvår 2024 skrives de nye arbejdsgange ind i afdelingens procedurer, og opfølgningsmøderne planlægges fast.",
    "I første halvår 2024 følger ledelsen op på fristerne hver måned og gennemfører sidste del af efteruddannelsen.",
  ],
  [
    "I andet halvår 2024 forankres arbejdsgangene, så de holder efter projektperioden; slutrapporten samler resultaterne.",
    "I andet halvår 2024 overtager teamlederne ledelsestilsynet, så det fortsætter uden projektmidler.",
  ],
  [
    "Efter projektperioden fortsætter kommunen med den månedlige sagsgennemgang og ledelsestilsynet i den almindelige drift. Erfaringerne deles på det tværkommunale netværksmøde.",
    "Kommunen fastholder børnesamtalerne og de faste opfølgningsmøder uden projektmidler; den ekstra stilling er ophørt som planlagt.",
  ],
];

/** Deviations a municipality had in a period (instead of the common wording). */
const SPECIAL_DEVIATIONS: Record<string, Record<number, string>> = {
  Langeland: {
    2:
      "Rapporten er indsendt for sent. Afdelingen mistede to af fem rådgivere i foråret 2024, og afdelingslederen var sygemeldt i maj og juni; " +
      "det gik ud over både ledelsestilsynet og rapporteringen. Andelen af børnesamtaler faldt i perioden. To nye rådgivere er ansat fra august.",
  },
  Vesthimmerland: {
    3: "Rådgivningsforløbet begyndte først i november 2024 og slutter efter projektperioden, fordi Vesthimmerland var blandt de sidste i rækken af forløb. De sidste aktiviteter gennemføres uden projektmidler.",
  },
};

/** Tønder's first version of its third status report (sent back) and the corrected one. */
export const SENT_BACK_DEVIATIONS = {
  first: "Ledelsestilsynet er forsinket.",
  corrected:
    "Ledelsestilsynet blev forsinket fem uger, fordi afdelingen fik ny leder i efteråret 2023. Den nye leder har lagt en plan, så de udskudte " +
    "gennemgange er indhentet inden sommerferien. Det koster ikke ekstra: møderne holdes inden for den bemanding, der allerede er budgetteret.",
  comment: "Beskriv, hvor meget ledelsestilsynet er forsinket, og hvordan I indhenter det, så det ikke går ud over opfølgningen i sagerne.",
  note: "Sendt tilbage: afvigelsen skal beskrives nærmere, se kommentaren.",
};

export const OVER_BUDGET_EXPLANATION =
  "Kursusudbyderen samlede de to sidste moduler af efteruddannelsen i 2. kvartal 2024, så udgiften til kursusdage og vikarer faldt i ét kvartal i stedet for to. " +
  "3. kvartal er tilsvarende lavere. (Demodata.)";

export function narrative(n: NarrativeInput): { activities: string; deviations: string; nextSteps: string } {
  const programme = programmeSentence(n.municipality, n.period);
  const local = LOCAL[n.municipality]?.[n.period] ?? "";
  const core = [
    `Projektgruppen blev nedsat i januar, og vikardækningen har siden februar givet rådgiverne tid til at holde børnesamtaler, før der træffes afgørelse. ${n.trained} medarbejdere har gennemført første del af efteruddannelsen i Barnets Lov.`,
    `Den midlertidige ekstra bemanding er på plads, og ledelsen har gennemgået ${n.reviewed} sager i ledelsestilsynet i halvåret. I alt ${n.trained} medarbejdere har nu gennemført efteruddannelsen.`,
    `Arbejdsgangene for børnesamtaler og opfølgning er skrevet ind i afdelingens faste procedurer. Ledelsen har gennemgået ${n.reviewed} sager i ledelsestilsynet, og ${n.trained} medarbejdere har gennemført efteruddannelsen.`,
    `Vikardækning og midlertidig ekstra bemanding har i projektperioden givet rådgiverne tid til børnesamtaler og opfølgning. ${n.trained} medarbejdere har gennemført efteruddannelsen, og andelen af afgørelser med en forudgående børnesamtale ${
      n.conversationsNow > n.conversationsFirst ? "er steget" : "har ændret sig"
    } fra ${n.conversationsFirst} % til ${n.conversationsNow} %.`,
  ][n.period]!;
  const activities = [core, local, programme].filter(Boolean).join(" ");

  const deviations = [SPECIAL_DEVIATIONS[n.municipality]?.[n.period] ?? DEVIATIONS[n.period]![n.variant % DEVIATIONS[n.period]!.length]!];
  if (n.budgetChanged && n.period === 1) {
    deviations.push("Budgetændringen, der blev godkendt i juni 2023, flyttede midler fra vikardækning til midlertidig ekstra bemanding fra 3. kvartal 2023, fordi der var brug for færre vikartimer end ventet.");
  }
  if (n.overBudget) {
    deviations.push(`Forbruget på ${n.overBudget.category.toLowerCase()} i ${n.overBudget.quarter} er ${n.overBudget.amount} over budgetposten; forklaringen står ved budgetposten.`);
  }
  if (n.unspent) {
    deviations.push(`Forbruget på ${n.unspent.category.toLowerCase()} blev ${n.unspent.amount} lavere end budgetteret; beløbet betales tilbage, når regnskabet er godkendt.`);
  }
  const nextSteps = NEXT_STEPS[n.period]![n.variant % NEXT_STEPS[n.period]!.length]!;
  return { activities, deviations: deviations.join(" "), nextSteps };
}

/** A comment beside an indicator value that moved for a known reason. */
export const INDICATOR_COMMENTS: Record<string, Record<number, Record<number, string>>> = {
  // municipality → period → indicator index (0–3)
  Langeland: { 2: { 0: "Faldet skyldes, at to rådgivere stoppede i foråret, og at de nye først skulle læres op." } },
  Tønder: { 1: { 1: "Færre gennemgange i efteråret, mens afdelingen skiftede leder." } },
  Samsø: { 0: { 0: "Få afgørelser i perioden, så procenten svinger meget." } },
};
