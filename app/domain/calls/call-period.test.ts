import { describe, expect, it } from "vitest";
import { projectPeriodOutsidePool } from "./call-period";

const pool = { startsOn: "2023-01-01", endsOn: "2025-09-30" };
const message = (start: string, end: string) =>
  `Projektperioden (${start}–${end}) skal ligge inden for puljens periode (01.01.2023–30.09.2025).`;

describe("projectPeriodOutsidePool", () => {
  it.each([
    ["the pool's whole period", "2023-01-01", "2025-09-30", {}],
    ["well inside", "2023-06-01", "2024-12-31", {}],
    ["starting on the pool's first day", "2023-01-01", "2024-12-31", {}],
    ["ending on the pool's last day", "2024-01-01", "2025-09-30", {}],
    ["starting one day before the pool", "2022-12-31", "2024-12-31", { projectStart: message("31.12.2022", "31.12.2024") }],
    ["ending one day after the pool", "2024-01-01", "2025-10-01", { projectEnd: message("01.01.2024", "01.10.2025") }],
    [
      "one day outside at both ends",
      "2022-12-31",
      "2025-10-01",
      { projectStart: message("31.12.2022", "01.10.2025"), projectEnd: message("31.12.2022", "01.10.2025") },
    ],
    ["wholly after the pool", "2030-01-01", "2030-12-31", { projectEnd: message("01.01.2030", "31.12.2030") }],
    ["wholly before the pool", "2020-01-01", "2020-12-31", { projectStart: message("01.01.2020", "31.12.2020") }],
  ])("%s", (_, projectStart, projectEnd, expected) => {
    expect(projectPeriodOutsidePool({ projectStart, projectEnd }, pool)).toEqual(expected);
  });
});
