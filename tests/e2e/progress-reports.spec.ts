// A status report's round trip in the browser, with JavaScript on: the caseworker sets the
// grant's reporting plan; the municipality fills in the first report (narrative, the four
// themes, indicators, spend against the budget with the difference shown live) and is
// stopped on spend over a budget line without an explanation, keeping what was typed; the
// caseworker sends it back with a comment on one section; the municipality sees the comment
// next to that section, fixes it and resubmits; the caseworker compares the versions and
// approves; after that the municipality can no longer change it.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { fixtures, login, type RoleKey } from "./utils";

async function as(browser: Browser, role: RoleKey): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, role);
  return page;
}

test("plan, fill in, refuse over-budget spend without a reason, send back with a comment, resubmit, compare and approve", async ({ browser }) => {
  test.setTimeout(180_000);
  const { reportGrantId } = fixtures();
  const caseworker = await as(browser, "caseworker");
  const municipality = await as(browser, "municipality");

  await caseworker.goto(`/grants/${reportGrantId}/reports`);
  for (const box of await caseworker.locator("input[name='indicatorIds[]']").all()) await box.check();
  await caseworker.getByRole("button", { name: "Gem rapporteringsplan" }).click();
  await expect(caseworker.getByRole("button", { name: "Udfyld statusrapport 1" }).or(caseworker.getByRole("row", { name: /Statusrapport 1/ })).first()).toBeVisible();

  await municipality.goto(`/grants/${reportGrantId}/reports`);
  await municipality.getByRole("button", { name: "Udfyld statusrapport 1" }).click();
  await expect(municipality).toHaveURL(/\/reports\/\d+$/);
  const reportUrl = new URL(municipality.url()).pathname;

  await municipality.getByLabel("Aktiviteter gennemført").fill("Vi har holdt 12 børnesamtaler og startet ledelsestilsyn.");
  await municipality.getByLabel("Afvigelser fra planen og hvorfor").fill("Uddannelsen blev udskudt en måned.");
  await municipality.getByLabel("Næste skridt").fill("Opfølgningsmøder i næste halvår.");
  for (const theme of ["udredning", "indsats", "opfoelgning", "inddragelse"]) {
    await municipality.locator(`#theme_${theme}_score-3`).check();
    await municipality.locator(`#theme_${theme}_note`).fill("Godt i gang.");
  }
  const indicators = municipality.locator("input[id^='indicator_']:not([id$='_comment'])");
  for (const input of await indicators.all()) await input.fill("12");

  // The first budget cell: 1.500 kr. over its line, shown before anything is sent.
  const firstSpend = municipality.locator("input[id^='spend_']:not([id$='_explanation'])").first();
  const firstRow = municipality.locator("main table tbody tr").first();
  const budgetText = await firstRow.locator("td").nth(1).innerText();
  const budgetKr = Number(budgetText.replace(/[^\d,]/g, "").replace(",", "."));
  await firstSpend.fill(String(budgetKr + 1500).replace(".", ","));
  await expect(firstRow).toContainText("over budgettet");

  await municipality.getByRole("button", { name: "Indsend rapport" }).click();
  await expect(municipality.getByText("Forbruget er større end budgetposten. Forklar hvorfor.").first()).toBeVisible();
  await expect(municipality.getByLabel("Aktiviteter gennemført")).toHaveValue("Vi har holdt 12 børnesamtaler og startet ledelsestilsyn.");

  await municipality.locator("input[id$='_explanation']").first().fill("Ekstra vikar i januar.");
  await municipality.getByRole("button", { name: "Indsend rapport" }).click();
  await expect(municipality).toHaveURL(/gemt=indsendt/);

  // The caseworker sends it back with a comment on the deviations.
  await caseworker.goto(reportUrl);
  await caseworker.locator("[name='comment_deviations']").fill("Beskriv, hvordan I indhenter den udskudte uddannelse.");
  await caseworker.getByRole("button", { name: /Send tilbage/ }).click();
  await expect(caseworker).toHaveURL(/gemt=sendt-tilbage/);

  await municipality.goto(reportUrl);
  await expect(municipality.getByText("Beskriv, hvordan I indhenter den udskudte uddannelse.")).toBeVisible();
  await municipality.getByLabel("Afvigelser fra planen og hvorfor").fill("Uddannelsen blev udskudt en måned; den indhentes i august med et ekstra hold.");
  await municipality.getByRole("button", { name: "Indsend rapport" }).click();
  await expect(municipality).toHaveURL(/gemt=indsendt/);

  // Two versions, compared side by side: the changed field is marked.
  await caseworker.goto(reportUrl);
  await caseworker.locator("a[href*='compare']").first().click();
  await expect(caseworker.getByText("1 felt er ændret")).toBeVisible();
  await expect(caseworker.getByText("Afvigelser fra planen og hvorfor (ændret)")).toBeVisible();

  await caseworker.goto(reportUrl);
  await caseworker.getByRole("button", { name: /Godkend/ }).click();
  await expect(caseworker).toHaveURL(/gemt=godkendt/);

  await municipality.goto(reportUrl);
  await expect(municipality.getByText("Rapporten er godkendt og kan ikke længere ændres.")).toBeVisible();
  await expect(municipality.locator("main textarea")).toHaveCount(0);
  await expect(municipality.getByRole("button", { name: "Indsend rapport" })).toHaveCount(0);
});
