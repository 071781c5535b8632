// Is this a demo or test environment? Then the pack says its figures are demo data.
import { isRealProduction } from "~/auth/demo-users.server";
import { getEnv } from "~/env.server";

export function isDemoData() {
  return !isRealProduction(getEnv());
}
