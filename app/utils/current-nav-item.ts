// Which menu item the page belongs to. Its own module, apart from navigation.ts, so the
// browser bundle does not pull in the policy table.
import type { NavItem } from "~/navigation";

/**
 * The one menu item the page belongs to: the longest item path the address starts with, by
 * whole segments ("/" only on the front page). Prefix matching per item marked both
 * "Rådgivningsforløb" and "Tidslinje" on /programmes/timeline.
 */
export function currentNavItem(items: NavItem[], pathname: string): string | null {
  let best: string | null = null;
  for (const { to } of items) {
    const matches = to === "/" ? pathname === "/" : pathname === to || pathname.startsWith(`${to}/`);
    if (matches && (best === null || to.length > best.length)) best = to;
  }
  return best;
}
