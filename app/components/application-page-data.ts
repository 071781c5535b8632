// What the application page's components (form and read-only view) are given: their
// own prop type, which the route's loader must satisfy, so the components depend on no
// route and no query. Strings where the server formats (dates, amounts as øre strings).
export type ApplicationPageData = {
  mode: "edit" | "view";
  /** Why the municipality can no longer change the content (deadline passed), if it may edit at all. */
  closedReason: string | null;
  isMinistry: boolean;
  application: {
    id: number;
    reference: string;
    status: string;
    statusLabel: string;
    version: number;
    reopenReason: string | null;
    submittedAt: string | null;
    submittedByName: string | null;
    updatedAt: string;
    updatedByName: string | null;
    requestedOre: string;
  };
  call: {
    id: number;
    title: string;
    deadline: string;
    open: boolean;
    timeLeft: string | null;
    maxOre: string | null;
  };
  municipalityName: string;
  categories: { id: number; label: string }[];
  quarters: string[];
  values: Record<string, string | string[]>;
  attachments: { id: string; filename: string; sizeBytes: number; uploadedAt: string }[];
  /** The status history, already in the reader's words. */
  history: { at: string; text: string; by: string }[];
};
