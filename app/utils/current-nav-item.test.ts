import { describe, expect, it } from "vitest";
import { currentNavItem } from "./current-nav-item";

const items = ["/", "/applications", "/programmes", "/programmes/timeline", "/reports", "/reports/reminders"].map((to) => ({ to, label: to }));

describe("currentNavItem", () => {
  it("marks only the most specific item: the timeline, not the programmes as well", () => {
    expect(currentNavItem(items, "/programmes/timeline")).toBe("/programmes/timeline");
    expect(currentNavItem(items, "/reports/reminders")).toBe("/reports/reminders");
  });
  it("marks the section for its detail pages", () => {
    expect(currentNavItem(items, "/programmes/12")).toBe("/programmes");
    expect(currentNavItem(items, "/programmes")).toBe("/programmes");
    expect(currentNavItem(items, "/reports/7/compare")).toBe("/reports");
  });
  it("matches whole segments and the front page only exactly", () => {
    expect(currentNavItem(items, "/")).toBe("/");
    expect(currentNavItem(items, "/applicationsx")).toBeNull();
    expect(currentNavItem(items, "/account")).toBeNull();
  });
});
