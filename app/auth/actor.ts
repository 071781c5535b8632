import type { Role } from "~/auth/account-constants";

/** Who is acting: the signed-in user with their one membership, plus the request id. */
export type Actor = {
  userId: string;
  name: string;
  email: string;
  role: Role;
  municipalityCode: string | null;
  municipalityName: string | null;
  agencyId: number | null;
  agencyName: string | null;
  requestId: string;
};

/** The system itself (scheduled jobs, seeding) when no user acts. */
export type SystemActor = { userId: string | null; role: "system"; requestId: string };
