import { describe, expect, it } from "vitest";
import { MAX_PAGE, pageCount, pageItems, pageParam, pageWindow } from "./paging";

const param = (query: string) => pageParam(new URLSearchParams(query));

describe("pageParam", () => {
  it("reads a whole page number and treats anything odd as the first page", () => {
    expect(param("page=7")).toBe(7);
    expect(param("")).toBe(1);
    expect(param("page=0")).toBe(1);
    expect(param("page=-2")).toBe(1);
    expect(param("page=abc")).toBe(1);
    expect(param("page=2.5")).toBe(1);
    expect(param("page=1e3")).toBe(1);
  });

  it("caps absurd page numbers", () => {
    expect(param("page=999999999")).toBe(MAX_PAGE);
    expect(param("page=99999999999999")).toBe(1);
  });
});

describe("pageCount and pageWindow", () => {
  it("counts at least one page", () => {
    expect(pageCount(0, 50)).toBe(1);
    expect(pageCount(50, 50)).toBe(1);
    expect(pageCount(51, 50)).toBe(2);
  });

  it("gives the offset of the page and clamps a page past the end to the last", () => {
    expect(pageWindow(120, 1, 50)).toEqual({ page: 1, pageCount: 3, offset: 0, limit: 50 });
    expect(pageWindow(120, 3, 50)).toEqual({ page: 3, pageCount: 3, offset: 100, limit: 50 });
    expect(pageWindow(120, 99, 50)).toEqual({ page: 3, pageCount: 3, offset: 100, limit: 50 });
    expect(pageWindow(0, 4, 25)).toEqual({ page: 1, pageCount: 1, offset: 0, limit: 25 });
    expect(pageWindow(30, 0, 25)).toMatchObject({ page: 1, offset: 0 });
  });
});

describe("pageItems", () => {
  it("lists every page up to seven", () => {
    expect(pageItems(1, 1)).toEqual([1]);
    expect(pageItems(3, 7)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("folds the middle away near the start, near the end and in between", () => {
    expect(pageItems(1, 20)).toEqual([1, 2, 3, 4, 5, "gap", 20]);
    expect(pageItems(4, 20)).toEqual([1, 2, 3, 4, 5, "gap", 20]);
    expect(pageItems(17, 20)).toEqual([1, "gap", 16, 17, 18, 19, 20]);
    expect(pageItems(20, 20)).toEqual([1, "gap", 16, 17, 18, 19, 20]);
    expect(pageItems(10, 20)).toEqual([1, "gap", 9, 10, 11, "gap", 20]);
  });
});
