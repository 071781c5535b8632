import { describe, expect, it } from "vitest";
import {
  actionLabel,
  actorName,
  actorRoleLabel,
  containsPattern,
  filterQuery,
  nextCalendarDay,
  pageCount,
  pageOf,
  parseAuditFilters,
  parseCalendarDate,
  periodOf,
} from "./audit-filters";

const parse = (query: string) => parseAuditFilters(new URLSearchParams(query));
const USER = "3f2b8c1e-9d4a-4b7e-8f00-1234567890ab";

describe("parseAuditFilters", () => {
  it("gives no filters for an empty query, and page 1", () => {
    expect(parse("")).toEqual({
      ok: true,
      filters: {},
      page: 1,
      values: { user: "", q: "", entityType: "", action: "", from: "", to: "" },
    });
  });

  it("keeps given filters, trimmed, and leaves out empty ones", () => {
    const r = parse(`user=${USER}&q=%20anna%20&entityType=application&action=submit&from=2026-11-01&to=2026-11-23&page=3`);
    expect(r).toMatchObject({
      ok: true,
      page: 3,
      filters: { user: USER, q: "anna", entityType: "application", action: "submit", from: "2026-11-01", to: "2026-11-23" },
    });
    expect(parse("action=&q=").ok && parse("action=&q=")).toMatchObject({ filters: {} });
  });

  it("accepts 'system' as the user, and refuses anything that is not a user id", () => {
    expect(parse("user=system")).toMatchObject({ ok: true, filters: { user: "system" } });
    expect(parse("user=1;drop")).toMatchObject({ ok: false, errors: { user: "Vælg en bruger fra listen." } });
  });

  it("gives a Danish message next to a bad date and keeps what was typed", () => {
    const r = parse("from=2026-02-30&to=i går");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.from).toBe("Skriv fra-datoen som en gyldig dato, fx 23.11.2026.");
    expect(r.errors.to).toBe("Skriv til-datoen som en gyldig dato, fx 23.11.2026.");
    expect(r.values).toMatchObject({ from: "2026-02-30", to: "i går" });
  });

  it("refuses a period whose end is before its start, on the end field", () => {
    const r = parse("from=2026-11-23&to=2026-11-22");
    expect(r).toMatchObject({ ok: false, errors: { to: "Til-datoen skal være samme dag som fra-datoen eller senere." } });
    expect(parse("from=2026-11-23&to=2026-11-23").ok).toBe(true);
  });

  it("refuses a CPR number in the free-text fields", () => {
    expect(parse("q=010190-1234").ok).toBe(false);
  });
});

describe("dates and period", () => {
  it("reads ISO and Danish dates and refuses impossible ones", () => {
    expect(parseCalendarDate("2026-11-23")).toBe("2026-11-23");
    expect(parseCalendarDate("3.2.2026")).toBe("2026-02-03");
    expect(parseCalendarDate("2024-02-29")).toBe("2024-02-29");
    expect(parseCalendarDate("2026-02-29")).toBeNull();
    expect(parseCalendarDate("2026-13-01")).toBeNull();
    expect(parseCalendarDate("23/11/2026")).toBeNull();
  });

  it("counts a period from the start of the first day to the end of the last day, in Copenhagen", () => {
    // Winter time (UTC+1)
    expect(periodOf({ from: "2026-11-23", to: "2026-11-23" })).toEqual({
      fromInstant: new Date("2026-11-22T23:00:00Z"),
      toExclusive: new Date("2026-11-23T23:00:00Z"),
    });
    // 25 October 2026 has 25 hours (summer time ends): the whole day is included.
    expect(periodOf({ to: "2026-10-25" }).toExclusive).toEqual(new Date("2026-10-25T23:00:00Z"));
    expect(periodOf({ from: "2026-10-25" }).fromInstant).toEqual(new Date("2026-10-24T22:00:00Z"));
    expect(nextCalendarDay("2026-12-31")).toBe("2027-01-01");
  });
});

describe("paging, links and labels", () => {
  it("reads the page number leniently", () => {
    expect(pageOf(new URLSearchParams("page=0"))).toBe(1);
    expect(pageOf(new URLSearchParams("page=-2"))).toBe(1);
    expect(pageOf(new URLSearchParams("page=abc"))).toBe(1);
    expect(pageOf(new URLSearchParams("page=7"))).toBe(7);
    expect(pageCount(0)).toBe(1);
    expect(pageCount(50)).toBe(1);
    expect(pageCount(51)).toBe(2);
  });

  it("builds links that keep the filters", () => {
    expect(filterQuery({ user: "system", q: "", from: "2026-11-01" }, 2)).toBe("?user=system&from=2026-11-01&page=2");
    expect(filterQuery({}, 1)).toBe("");
  });

  it("escapes LIKE wildcards so the text is matched literally", () => {
    expect(containsPattern("50%_a\\b")).toBe("%50\\%\\_a\\\\b%");
  });

  it("labels known actions in Danish and leaves unknown codes to the raw code", () => {
    expect(actionLabel("session.login")).toBe("Logget ind");
    expect(actionLabel("something.new")).toBeNull();
    expect(actorRoleLabel("admin")).toBe("Administrator (ministeriet)");
    expect(actorRoleLabel("system")).toBe("System");
    expect(actorName({ actorUserId: null, actorName: null })).toBe("System");
    expect(actorName({ actorUserId: USER, actorName: null })).toBe(`Slettet bruger (${USER})`);
  });
});
