// The 360Giving Data Standard's rules for a grant and a data package, as zod, for the tests
// of /hvem-fik-hvad.json and .csv (decision 022). No package with the standard's JSON schema
// is reachable from the npm registry here, so these are written from the standard's published
// schema (standard.threesixtygiving.org: 360-giving-schema.json and
// 360-giving-package-schema.json, draft-04):
// - a grant requires id, title, description, currency (ISO 4217 code), amountAwarded (a JSON
//   number), awardDate (YYYY-MM-DD or a date-time), recipientOrganization and
//   fundingOrganization (arrays of at least one Organization, each requiring id and name);
// - plannedDates are Events whose startDate/endDate are YYYY-MM-DD (or YYYY-MM / date-time);
//   fromOpenCall is "Yes" or "No"; beneficiaryLocation.countryCode an ISO 3166 code;
// - a package requires `grants`: at least one grant, no two alike.
// The standard allows additional properties, so the objects are not strict.
// Its flat (CSV) shape uses column titles such as "Recipient Org:Identifier" (the
// standard's titles table); unflattenRow maps the ones we write back to the JSON paths.
import { z } from "zod";

const DATE = /^[0-9]{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$/;
const EVENT_DATE = /^[0-9]{4}(-(0[1-9]|1[012]))?(-(0[1-9]|[12][0-9]|3[01]))?$/;

const organization = z.object({ id: z.string().min(1), name: z.string().min(1) });

export const threeSixtyGrantSchema = z.object({
  id: z.string().regex(/^360G-/, "a grant identifier starts with a 360G- prefix"),
  title: z.string().min(1).max(139, "the standard asks for a title under 140 characters"),
  description: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/),
  amountAwarded: z.number().finite(),
  awardDate: z.string().regex(DATE),
  plannedDates: z.array(z.object({ startDate: z.string().regex(EVENT_DATE), endDate: z.string().regex(EVENT_DATE).optional() })).optional(),
  recipientOrganization: z.array(organization).min(1),
  fundingOrganization: z.array(organization).min(1),
  beneficiaryLocation: z.array(z.object({ countryCode: z.string().regex(/^[A-Z]{2}$/).optional() })).optional(),
  grantProgramme: z.array(z.object({ code: z.string() })).optional(),
  fromOpenCall: z.enum(["Yes", "No"]).optional(),
});

export const threeSixtyPackageSchema = z.object({
  grants: z
    .array(threeSixtyGrantSchema)
    .min(1)
    .refine((g) => new Set(g.map((x) => JSON.stringify(x))).size === g.length, "grants must be unique"),
});

/** Column title → [path in the grant, is it a number]. Only the titles our export writes. */
const COLUMN_PATHS: Record<string, [string[], boolean?]> = {
  Identifier: [["id"]],
  Title: [["title"]],
  Description: [["description"]],
  Currency: [["currency"]],
  "Amount Awarded": [["amountAwarded"], true],
  "Award Date": [["awardDate"]],
  "Planned Dates:Start Date": [["plannedDates", "0", "startDate"]],
  "Planned Dates:End Date": [["plannedDates", "0", "endDate"]],
  "Recipient Org:Identifier": [["recipientOrganization", "0", "id"]],
  "Recipient Org:Name": [["recipientOrganization", "0", "name"]],
  "Recipient Org:Country": [["recipientOrganization", "0", "addressCountry"]],
  "Beneficiary Location:Name": [["beneficiaryLocation", "0", "name"]],
  "Beneficiary Location:Country Code": [["beneficiaryLocation", "0", "countryCode"]],
  "Beneficiary Location:Geographic Code": [["beneficiaryLocation", "0", "geoCode"]],
  "Beneficiary Location:Geographic Code Type": [["beneficiaryLocation", "0", "geoCodeType"]],
  "Funding Org:Identifier": [["fundingOrganization", "0", "id"]],
  "Funding Org:Name": [["fundingOrganization", "0", "name"]],
  "Grant Programme:Code": [["grantProgramme", "0", "code"]],
  "Grant Programme:Title": [["grantProgramme", "0", "title"]],
  "From an open call?": [["fromOpenCall"]],
};

/** One CSV row (header → cell) as the standard's JSON grant; an unknown column fails. */
export function unflattenRow(header: string[], cells: string[]): Record<string, unknown> {
  const grant: Record<string, unknown> = {};
  header.forEach((title, i) => {
    const mapping = COLUMN_PATHS[title];
    if (!mapping) throw new Error(`Not a 360Giving column title we know: ${title}`);
    const [path, numeric] = mapping;
    const value = cells[i] ?? "";
    if (value === "") return;
    let node: Record<string, unknown> = grant;
    path.forEach((key, depth) => {
      if (depth === path.length - 1) {
        node[key] = numeric ? Number(value) : value;
        return;
      }
      const isIndex = /^\d+$/.test(path[depth + 1]!);
      node[key] ??= isIndex ? [] : {};
      node = node[key] as Record<string, unknown>;
    });
  });
  return grant;
}
