// Demo content: people, organisations and application texts. Everything here is
// invented; the real split of the pool is not public, which the texts say.
import { readFileSync } from "node:fs";
import { roleLabel } from "../../app/policy/permissions";
import type { Role } from "../../app/auth/account-constants";
import type { Theme } from "../../app/domain/applications/application-constants";

export const DEMO_PASSWORD = "Puljeportal-demo-2022";
export const DEMO_DOMAIN = "demo.puljeportal.dk";
export const DEMO_NOTE = "Demodata – det rigtige bilag er ikke offentligt";

/** The nine municipalities granted in December 2022, in need-index order (demo ranking). */
export const GRANTED = [
  "Lolland",
  "Langeland",
  "Tønder",
  "Samsø",
  "Faxe",
  "Norddjurs",
  "Billund",
  "Struer",
  "Vesthimmerland",
] as const;
/** Applied but not granted (many children's cases, ranked just below the nine). */
export const NOT_GRANTED = ["Guldborgsund", "Odsherred"] as const;
/** One more applicant further down the index. */
export const EXTRA_APPLICANT = "Morsø";

export type DemoUserSpec = {
  key: string;
  email: string;
  name: string;
  role: Role;
  agencySlug?: string;
  municipality?: string;
};

const mail = (local: string) => `${local}@${DEMO_DOMAIN}`;

type MunicipalityPerson = { name: string; login: string; contact: string; phone: string };
/** Demo login (the municipality user) and the contact person named in the application. */
export const MUNICIPALITY_PEOPLE: Record<string, MunicipalityPerson> = {
  Lolland: { login: "lolland", name: "Anne Marie Rasmussen", contact: "Henrik Bruun", phone: "+45 54 67 60 10" },
  Langeland: { login: "langeland", name: "Søren Kofoed", contact: "Lise Vestergaard", phone: "+45 63 51 60 20" },
  Tønder: { login: "toender", name: "Karen Jessen", contact: "Peter Hansen Lund", phone: "+45 74 92 90 30" },
  Samsø: { login: "samsoe", name: "Mads Brandt", contact: "Ida Kragh", phone: "+45 87 92 22 40" },
  Faxe: { login: "faxe", name: "Helle Munk", contact: "Thomas Skov Nielsen", phone: "+45 56 20 30 50" },
  Norddjurs: { login: "norddjurs", name: "Rasmus Dahl", contact: "Birgitte Friis", phone: "+45 89 59 10 60" },
  Billund: { login: "billund", name: "Louise Thygesen", contact: "Niels Ebbesen", phone: "+45 79 72 72 70" },
  Struer: { login: "struer", name: "Jesper Toft", contact: "Marianne Holt", phone: "+45 96 84 84 80" },
  Vesthimmerland: { login: "vesthimmerland", name: "Camilla Aagaard", contact: "Kim Riis", phone: "+45 99 66 70 90" },
  Guldborgsund: { login: "guldborgsund", name: "Martin Lykke", contact: "Susanne Bech", phone: "+45 54 73 10 15" },
  Odsherred: { login: "odsherred", name: "Pernille Stougaard", contact: "Ole Wind", phone: "+45 59 66 66 25" },
  Morsø: { login: "morsoe", name: "Trine Kallesøe", contact: "Bo Futtrup", phone: "+45 99 70 70 35" },
};

export const DEMO_USERS: DemoUserSpec[] = [
  { key: "admin", email: mail("admin"), name: "Mette Kjær Andersen", role: "admin", agencySlug: "sm" },
  { key: "caseworker", email: mail("sagsbehandler"), name: "Jonas Holm Pedersen", role: "caseworker", agencySlug: "sm" },
  ...[...GRANTED, ...NOT_GRANTED, EXTRA_APPLICANT].map((m) => ({
    key: m,
    email: mail(MUNICIPALITY_PEOPLE[m].login),
    name: MUNICIPALITY_PEOPLE[m].name,
    role: "municipality" as const,
    municipality: m,
  })),
  { key: "sbst1", email: mail("raadgiver.sbst1"), name: "Gitte Lauridsen", role: "advisor", agencySlug: "sbst" },
  { key: "sbst2", email: mail("raadgiver.sbst2"), name: "Anders Mikkelsen", role: "advisor", agencySlug: "sbst" },
  { key: "ast1", email: mail("raadgiver.ast1"), name: "Hanne Poulsen", role: "advisor", agencySlug: "ast" },
  { key: "ast2", email: mail("raadgiver.ast2"), name: "Frederik Winther", role: "advisor", agencySlug: "ast" },
];

export type DemoLogin = { email: string; role: string; organisation: string };

/** The demo logins, for the start-up banner (kept here: this file loads fast). */
export function demoLogins(): DemoLogin[] {
  const agencyName = new Map([
    ["sm", "Social- og Boligministeriet"],
    ["sbst", "Social- og Boligstyrelsen"],
    ["ast", "Ankestyrelsen"],
  ]);
  // Official names ("Vesthimmerlands Kommune"), read from the reference file without
  // loading the schema (the CSV has no quoted fields).
  const officialName = new Map(
    readFileSync(new URL("./data/municipalities.csv", import.meta.url), "utf8")
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((line) => line.split(","))
      .map(([, name, official]) => [name, official] as const),
  );
  return DEMO_USERS.map((u) => ({
    email: u.email,
    role: roleLabel(u.role),
    organisation: u.municipality
      ? (officialName.get(u.municipality) ?? `${u.municipality} Kommune`)
      : (agencyName.get(u.agencySlug ?? "") ?? ""),
  }));
}

export const HISTORICAL_CALL = {
  title: "Ekstra hjælp til kommuner med mange børnesager – ansøgningsrunde 2022",
  purpose:
    "Puljen skal hjælpe kommuner med mange børnesager med at implementere Barnets Lov og sikre en god " +
    "sagsbehandling for udsatte børn og unge. Der kan søges midler til vikardækning, efteruddannelse og " +
    "midlertidig ekstra bemanding i projektperioden. Ansøgerne prioriteres efter et behovsindeks, og hver " +
    "kommune, der får tilskud, tilbydes et skræddersyet rådgivningsforløb hos Social- og Boligstyrelsen og " +
    "Ankestyrelsen. (Demodata: fordelingen er ikke offentlig.)",
  projectStart: "2023-01-01",
  projectEnd: "2024-12-31",
  deadline: { date: "2022-11-07", time: "12:00" },
  publishedAt: { date: "2022-10-03", time: "09:00" },
  expectedGrants: 8,
  categories: ["Vikardækning", "Efteruddannelse", "Midlertidig ekstra bemanding"],
};

/**
 * The follow-up call's pool is invented: the 2022 pool ends 30.09.2025 and was fully
 * committed in December 2022, so a call for later years cannot hang on it. The name
 * says so wherever the pool is shown.
 */
export const DEMO_FOLLOW_UP_POOL = {
  name: "Opfølgningspulje for kommuner med mange børnesager (fiktiv demopulje)",
  financeLine: "Fiktiv (demodata)",
  totalOre: 1_200_000_000n, // 12 mio. kr., invented
};

export const FOLLOW_UP_CALL = {
  title: "Ekstra hjælp til kommuner med mange børnesager – opfølgningsrunde",
  purpose:
    "Opfølgningsrunden giver kommuner med mange børnesager mulighed for at fastholde og udbrede de " +
    "arbejdsgange, der er udviklet i første runde: systematisk sagsbehandling, løbende inddragelse af barnet " +
    "og ledelsestilsyn. Ud over de kendte udgiftstyper kan der søges til supervision og sparring. " +
    "(Demodata: fordelingen er ikke offentlig.)",
  expectedGrants: 6,
  maxAmountOre: 200_000_000n, // 2.000.000 kr.
  categories: ["Vikardækning", "Efteruddannelse", "Midlertidig ekstra bemanding", "Supervision og sparring"],
};

export const CRITERIA = [
  {
    label: "Sammenhæng med puljens formål",
    description: "Hvor tydeligt projektet understøtter implementeringen af Barnets Lov og en god sagsbehandling.",
    weight: 40,
  },
  {
    label: "Aktiviteternes kvalitet og realisme",
    description: "Om aktiviteterne er konkrete, kan gennemføres i perioden og er forankret i ledelsen.",
    weight: 35,
  },
  {
    label: "Budgettets rimelighed",
    description: "Om budgettet hænger sammen med aktiviteterne og kun dækker tilskudsberettigede udgifter.",
    weight: 25,
  },
];

export const FORMAL_REQUIREMENTS = ["municipality", "deadline", "budget", "purpose", "contact"] as const;

/** Each applicant's own situation, in their words. */
export const CHALLENGES: Record<string, string> = {
  Lolland:
    "Lolland Kommune har en af landets højeste andele af børn og unge med en sag i familieafdelingen. " +
    "Udskiftningen blandt rådgivere har været stor, og mange sager har skiftet hænder flere gange, så " +
    "opfølgningen på handleplaner halter.",
  Langeland:
    "Som lille ø-kommune har Langeland få rådgivere til mange tunge sager. Når en medarbejder er fraværende, " +
    "står sagerne stille, og det går ud over udredningerne, der ofte bliver forsinkede.",
  Tønder:
    "Tønder Kommune oplever et stigende antal underretninger og har svært ved at rekruttere erfarne " +
    "socialrådgivere. Nyuddannede medarbejdere mangler tid til at sætte sig ind i Barnets Lov.",
  Samsø:
    "Samsø har et lille børne- og familieteam, hvor hver rådgiver har mange funktioner. Vi mangler faglig " +
    "sparring og systematik i, hvordan barnets perspektiv kommer med i alle sager.",
  Faxe:
    "I Faxe Kommune er sagsstammen pr. rådgiver høj, og en gennemgang i 2022 viste, at børnesamtaler ikke " +
    "altid afholdes før beslutninger. Ledelsestilsynet er ikke systematisk.",
  Norddjurs:
    "Norddjurs har mange børn anbragt uden for hjemmet og et stort efterslæb af opfølgninger. Vi har brug " +
    "for at frigøre tid til at kvalificere handleplanerne og samarbejdet med skoler og sundhedspleje.",
  Billund:
    "Billund Kommune har oplevet en kraftig vækst i antallet af familier med komplekse udfordringer. " +
    "Myndighedsafdelingen har ikke fulgt med, og udredningerne tager for lang tid.",
  Struer:
    "Struer Kommune har en ung medarbejdergruppe med begrænset erfaring i den nye lovgivning. Vi ønsker at " +
    "løfte kvaliteten i valg af indsats og sikre færrest mulige fagpersoner omkring barnet.",
  Vesthimmerland:
    "Vesthimmerlands Kommune har mange børnesager fordelt på et stort geografisk område. Lange køreafstande " +
    "og sygefravær betyder, at samtaler med børn og netværk ofte udskydes.",
  Guldborgsund:
    "Guldborgsund Kommune har mange børnesager og en høj personaleomsætning. Nye rådgivere skal hurtigt " +
    "kunne arbejde efter Barnets Lov, og vi mangler tid til oplæring og sparring.",
  Odsherred:
    "Odsherred Kommune har et højt antal sager pr. rådgiver i sommerhalvåret, hvor tilflytning og midlertidige " +
    "ophold giver flere underretninger. Opfølgningen på indsatser bliver nedprioriteret.",
  Morsø:
    "Morsø Kommune vil styrke dokumentationen i børnesagerne og bruge data mere systematisk i ledelsen, " +
    "men har ikke ressourcer til at gøre det ved siden af den daglige drift.",
};

const ACTIVITIES = [
  "Vi ansætter midlertidigt to socialrådgivere, så sagsstammen pr. rådgiver falder. Alle rådgivere og " +
    "ledere gennemfører et forløb om Barnets Lov med fokus på børnesamtaler og handleplaner. Vikarer dækker " +
    "fraværet under uddannelsen.",
  "Vi frikøber en erfaren rådgiver som faglig koordinator, der gennemgår udvalgte sager sammen med teamet " +
    "og laver faste tjeklister for udredning. Medarbejderne deltager i et modulopdelt efteruddannelsesforløb.",
  "Vi styrker ledelsestilsynet med månedlige sagsgennemgange og ansætter en ekstra rådgiver i projektperioden. " +
    "Vikardækning sikrer, at børnesamtaler og netværksmøder holdes, selv når kolleger er fraværende.",
  "Vi indfører en fast model for løbende inddragelse af barnet og netværket. Rådgiverne uddannes i metoden, " +
    "og en midlertidig ekstra medarbejder tager sig af opfølgninger, så de sker til tiden.",
];

const EFFECTS = [
  "Vi forventer, at alle børn i en sag har haft en børnesamtale før væsentlige beslutninger, og at " +
    "handleplanerne følges op rettidigt inden projektets afslutning.",
  "Vi forventer kortere tid fra underretning til afsluttet udredning, færre skift af rådgiver og et " +
    "ledelsestilsyn, der fanger fejl, før de rammer barnet.",
  "Vi forventer mere ensartede afgørelser, en lavere sagsstamme pr. rådgiver og at færre fagpersoner er " +
    "omkring det enkelte barn.",
  "Vi forventer, at medarbejderne bliver i jobbet, at kvaliteten i sagerne stiger målt med Ankestyrelsens " +
    "sagsbarometer, og at arbejdsgangene er forankret, når projektet slutter.",
];

const THEME_SETS: Theme[][] = [
  ["udredning", "inddragelse"],
  ["indsats", "opfoelgning"],
  ["udredning", "indsats", "opfoelgning"],
  ["inddragelse", "opfoelgning"],
  ["udredning", "indsats", "opfoelgning", "inddragelse"],
];

export function applicationTexts(municipality: string, index: number) {
  return {
    challenge: CHALLENGES[municipality],
    activities: ACTIVITIES[index % ACTIVITIES.length],
    expectedEffect: EFFECTS[(index + 1) % EFFECTS.length],
    themes: THEME_SETS[index % THEME_SETS.length],
  };
}

export const REJECTION_REASONS: Record<string, string> = {
  Odsherred:
    "Kommunen er placeret lavere på behovsindekset end de kommuner, der indstilles til tilskud, og puljens " +
    "midler rækker ikke til flere tilsagn.",
  Morsø:
    "Kommunen er placeret langt nede på behovsindekset, og ansøgningen beskriver primært datatiltag, der " +
    "ligger uden for puljens udgiftstyper.",
};
