// The application's field and theme labels, without zod: the form and the read-only view render
// them on first load, while the form's schemas (application-schema.ts) load only when the
// user starts filling in the form (decision 039).
import type { Theme } from "./application-constants";

export const themeLabels: Record<Theme, string> = {
  udredning: "Udredning",
  indsats: "Valg af indsats, mål og handleplan",
  opfoelgning: "Opfølgning",
  inddragelse: "Inddragelse",
};

export const fieldLabels = {
  contactName: "Kontaktperson",
  contactEmail: "Kontaktpersonens e-mail",
  contactPhone: "Kontaktpersonens telefon",
  signatoryName: "Underskriftsberettiget",
  signatoryTitle: "Underskriftsberettigets stilling",
  challenge: "Beskrivelse af udfordringen",
  activities: "Planlagte aktiviteter",
  expectedEffect: "Forventet effekt",
  themes: "Temaer",
  budget: "Budget",
} as const;
