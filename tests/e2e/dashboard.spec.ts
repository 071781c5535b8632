// The dashboard in a browser: the caseworker opens it from the menu, opens a chart's table
// view, downloads that table as CSV and as XLSX and reads both back: the same rows as the
// table on the page, and the pool's money equal to the pool overview's (the ledger's) sums.
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { login } from "./utils";

test("the dashboard opens from the menu, shows a chart's table and exports it as CSV and XLSX that read back", async ({ page }) => {
  test.setTimeout(120_000); // two downloads and a third file read back: slow on a busy two-core machine
  await login(page, "caseworker");
  await page.getByRole("link", { name: "Overblik", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Overblik over initiativet" })).toBeVisible();
  await expect(page.getByTestId("dashboard-countdown")).toContainText("Initiativet slut");
  await expect(page.getByTestId("chart-pool-chart")).toBeVisible();

  // The municipalities' table: hidden until its view is opened.
  const data = page.getByTestId("table-kommuner");
  const table = data.getByRole("table");
  await expect(table).toBeHidden();
  await data.getByText("Vis tallene som tabel").click();
  await expect(table).toBeVisible();
  const names = await table.locator("tbody th[scope=row]").allInnerTexts();
  expect(names.length).toBeGreaterThan(0);

  const [csvDownload] = await Promise.all([page.waitForEvent("download"), data.getByRole("link", { name: /som CSV$/ }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^overblik-\d+-kommuner-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await csvDownload.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = csv.trim().split("\r\n").map((l) => l.split(";"));
  expect(lines[0]!.slice(0, 2)).toEqual(["Kommune", "Tilsagn (kr.)"]);
  expect(lines.slice(1).map((l) => l[0])).toEqual(names);

  const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), page.getByTestId("table-pulje").getByRole("link", { name: /som Excel/ }).click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync((await xlsxDownload.path())!) as never);
  const sheet = wb.worksheets[0]!;
  const byLabel = new Map<string, number>();
  for (let i = 2; i <= sheet.rowCount; i++) byLabel.set(String(sheet.getRow(i).getCell(1).value), Number(sheet.getRow(i).getCell(3).value));

  // The pool overview's figures (its own ledger sums) for the same pool, in øre.
  const poolId = Number(/overblik-(\d+)-/.exec(csvDownload.suggestedFilename())![1]);
  const overview = await page.request.get(`/pools/${poolId}/export.xlsx`);
  const owb = new ExcelJS.Workbook();
  await owb.xlsx.load(Buffer.from(await overview.body()) as never);
  const summary = owb.getWorksheet("Pulje")!;
  const overviewOre = (label: string) => {
    for (let i = 2; i <= summary.rowCount; i++) if (summary.getRow(i).getCell(1).value === label) return Number(summary.getRow(i).getCell(3).value);
    throw new Error(label);
  };
  expect(byLabel.get("Disponeret nu")).toBe(overviewOre("Disponeret nu"));
  expect(byLabel.get("Udbetalt")).toBe(overviewOre("Udbetalt"));
  expect(byLabel.get("Ikke disponeret")).toBe(overviewOre("Ikke disponeret"));
  expect(byLabel.get("Puljens ramme")).toBe(overviewOre("Puljens ramme"));
});

test("the dashboard is not in a municipality user's menu, and the page is refused", async ({ page }) => {
  await login(page, "municipality");
  await expect(page.getByRole("link", { name: "Overblik", exact: true })).toHaveCount(0);
  const res = await page.request.get("/dashboard");
  expect(res.status()).toBe(403);
});
