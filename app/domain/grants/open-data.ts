// Open grant data ("Hvem fik hvad", decision 022): the public rows and their 360Giving
// shape (JSON package and the standard's flat CSV). Pure: the query is in
// open-data.server.ts, the routes only serialise. Amounts are exact: kroner text built from
// integer øre, never Number(øre) / 100.
import { themeLabels } from "~/domain/applications/application-labels";
import type { Theme } from "~/domain/applications/application-constants";
import { copenhagenDateString } from "~/utils/dates";
import { raw, type Cell } from "~/utils/csv";
import { oreToKronerNumber } from "~/utils/money";
import type { PublicGrantStatus } from "./grant-constants";

/** The only columns the public query selects: nothing about people, drafts or scores. */
export type OpenGrantRow = {
  id: number;
  municipalityCode: string;
  municipalityName: string;
  municipalityOfficialName: string;
  awardedOre: bigint;
  status: PublicGrantStatus;
  projectStart: string;
  projectEnd: string;
  decidedAt: Date;
  poolId: number;
  poolName: string;
  callTitle: string;
  callPurpose: string;
  themes: string[];
};

/**
 * 360Giving identifiers are "360G-<publisher prefix>-<id in our records>". No prefix has
 * been registered for Puljeportal yet: "puljeportal" is ours until one is (one constant).
 */
export const GRANT_ID_PREFIX = "360G-puljeportal-";

/**
 * The funder. The org-id scheme for Danish public bodies is DK-CVR; until the ministry's
 * CVR number is confirmed the funder gets an id under our own 360G prefix (decision 022).
 */
export const FUNDING_ORGANIZATION = { id: `${GRANT_ID_PREFIX}org-sm`, name: "Social- og Boligministeriet" } as const;

/** A municipality as recipient: "DK-KOM-" + its four-digit kommunekode (decision 022). */
export function recipientOrgId(kommunekode: string): string {
  return `DK-KOM-${kommunekode}`;
}

export function grantIdentifier(grantId: number): string {
  return `${GRANT_ID_PREFIX}${grantId}`;
}

/** Øre as the standard's decimal amount text, exact: 160000050 → "1600000.50". */
export function oreToDecimalText(ore: bigint): string {
  const abs = ore < 0n ? -ore : ore;
  return `${ore < 0n ? "-" : ""}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}

export function themeText(themes: readonly string[]): string {
  return themes.map((t) => themeLabels[t as Theme] ?? t).join(", ");
}

/** The standard asks for a title under 140 characters. */
function grantTitle(r: OpenGrantRow): string {
  const title = `${r.callTitle}: ${r.municipalityOfficialName}`;
  return title.length < 140 ? title : `${title.slice(0, 138)}…`;
}

function grantDescription(r: OpenGrantRow): string {
  const themes = themeText(r.themes);
  return themes ? `${r.callPurpose} Fokusområder: ${themes}.` : r.callPurpose;
}

/** One grant in the 360Giving JSON shape (required fields plus planned dates, programme, location). */
export function toThreeSixtyGrant(r: OpenGrantRow) {
  const name = r.municipalityOfficialName;
  return {
    id: grantIdentifier(r.id),
    title: grantTitle(r),
    description: grantDescription(r),
    currency: "DKK",
    amountAwarded: oreToKronerNumber(r.awardedOre),
    awardDate: copenhagenDateString(r.decidedAt),
    plannedDates: [{ startDate: r.projectStart, endDate: r.projectEnd }],
    recipientOrganization: [{ id: recipientOrgId(r.municipalityCode), name, addressCountry: "Danmark" }],
    beneficiaryLocation: [{ name, countryCode: "DK", geoCode: r.municipalityCode, geoCodeType: "Kommunekode" }],
    fundingOrganization: [{ ...FUNDING_ORGANIZATION }],
    grantProgramme: [{ code: `${GRANT_ID_PREFIX}pulje-${r.poolId}`, title: r.poolName }],
    fromOpenCall: "Yes",
  };
}

export type ThreeSixtyGrant = ReturnType<typeof toThreeSixtyGrant>;

/** The 360Giving data package: `{ grants: [...] }` with a title and the publisher. */
export function threeSixtyPackage(rows: readonly OpenGrantRow[]) {
  return {
    title: "Hvem fik hvad: tilsagn fra Puljeportal",
    publisher: { name: FUNDING_ORGANIZATION.name },
    grants: rows.map(toThreeSixtyGrant),
  };
}

/** The standard's column titles for the flat (spreadsheet) shape, in order. */
export const THREE_SIXTY_CSV_COLUMNS = [
  "Identifier",
  "Title",
  "Description",
  "Currency",
  "Amount Awarded",
  "Award Date",
  "Planned Dates:Start Date",
  "Planned Dates:End Date",
  "Recipient Org:Identifier",
  "Recipient Org:Name",
  "Recipient Org:Country",
  "Beneficiary Location:Name",
  "Beneficiary Location:Country Code",
  "Beneficiary Location:Geographic Code",
  "Beneficiary Location:Geographic Code Type",
  "Funding Org:Identifier",
  "Funding Org:Name",
  "Grant Programme:Code",
  "Grant Programme:Title",
  "From an open call?",
] as const;

/** Header and one row per grant for the CSV writer: text through textCell, amounts and dates raw. */
export function threeSixtyCsvRows(rows: readonly OpenGrantRow[]): Cell[][] {
  const out: Cell[][] = [[...THREE_SIXTY_CSV_COLUMNS]];
  for (const r of rows) {
    const g = toThreeSixtyGrant(r);
    const recipient = g.recipientOrganization[0]!;
    const location = g.beneficiaryLocation[0]!;
    out.push([
      raw(g.id),
      g.title,
      g.description,
      raw(g.currency),
      raw(oreToDecimalText(r.awardedOre)),
      raw(g.awardDate),
      raw(r.projectStart),
      raw(r.projectEnd),
      raw(recipient.id),
      recipient.name,
      recipient.addressCountry,
      location.name,
      raw(location.countryCode),
      // The kommunekode as plain text ("0360"): a tool reads it as it is (no ="0360" here).
      raw(location.geoCode),
      location.geoCodeType,
      raw(FUNDING_ORGANIZATION.id),
      FUNDING_ORGANIZATION.name,
      raw(g.grantProgramme[0]!.code),
      g.grantProgramme[0]!.title,
      raw(g.fromOpenCall),
    ]);
  }
  return out;
}

/** "hvem-fik-hvad-2026-11-28.json": ASCII, today's Copenhagen date last (decision 008). */
export function openDataFilename(ext: "json" | "csv", now: Date): string {
  return `hvem-fik-hvad-${copenhagenDateString(now)}.${ext}`;
}
