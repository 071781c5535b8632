// NSIS assurance levels (eIDAS Low/Substantial/High; Danish Lav/Betydelig/Høj).
// Sign-in through an identity provider needs at least Substantial ("Betydelig").
export const LOA_LEVELS = ["Low", "Substantial", "High"] as const;
export type LoaLevel = (typeof LOA_LEVELS)[number];

export const NSIS_LOA_URI: Record<LoaLevel, string> = {
  Low: "https://data.gov.dk/concept/core/nsis/loa/Low",
  Substantial: "https://data.gov.dk/concept/core/nsis/loa/Substantial",
  High: "https://data.gov.dk/concept/core/nsis/loa/High",
};

export const REQUIRED_LOA: LoaLevel = "Substantial";

/** OIOSAML 3 sends the level as the bare word ("Substantial") in the nsis/loa attribute. */
export function loaFromSaml(value: unknown): LoaLevel | null {
  if (typeof value !== "string") return null;
  const word = value.trim().replace(/^https:\/\/data\.gov\.dk\/concept\/core\/nsis\/loa\//, "");
  return (LOA_LEVELS as readonly string[]).includes(word) ? (word as LoaLevel) : null;
}

/** An OIDC `acr` claim through the configured mapping; unmapped values have no level. */
export function loaFromAcr(acr: unknown, levels: Record<string, LoaLevel>): LoaLevel | null {
  if (typeof acr !== "string") return null;
  return Object.hasOwn(levels, acr) ? levels[acr] : null;
}

export function meetsRequiredLoa(level: LoaLevel | null, required: LoaLevel = REQUIRED_LOA): boolean {
  return level !== null && LOA_LEVELS.indexOf(level) >= LOA_LEVELS.indexOf(required);
}
