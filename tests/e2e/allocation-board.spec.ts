// Issue 16, the allocation board in the browser (JavaScript on): the caseworker decides a
// call line by line while the pool's figures and the "Puljen rækker hertil" line follow
// every edit, proposes the round and cannot approve it (the page says why, the server
// refuses); an admin approves, which creates the grants and rejections and queues the
// letters. Then two admin browsers approve competing rounds for the last money at the
// same moment: one succeeds, the other gets the rollback's Danish message and nothing
// changes for it. Data: tests/e2e/fixtures-allocation.ts (pools of their own).
import { expect, test, type Browser, type Page } from "@playwright/test";
import { BOARD_MAIL_PREFIX } from "./fixtures-allocation";
import { fixtures, login, type RoleKey } from "./utils";

async function signedIn(browser: Browser, role: RoleKey): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, role);
  return page;
}

test("a caseworker allocates a call live on the board and proposes it; only an admin who did not propose approves, and the letters are queued", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const f = fixtures().allocation;
  const url = `/calls/${f.boardCallId}/allocation`;
  const page = await signedIn(browser, "caseworker");
  await page.goto(url);
  await expect(page.getByRole("heading", { name: /^Fordeling: Opslag til fordeling i browsertest/ })).toBeVisible();

  // The ranking, in need-index order, with what each asked for.
  const rows = page.locator("tbody tr:not([data-testid=pool-line])");
  await expect(rows).toHaveCount(4);
  const names = ["Aabenraa", "Kalundborg", "Vordingborg", "Svendborg"];
  for (const [i, name] of names.entries()) await expect(rows.nth(i).getByRole("rowheader")).toContainText(name);
  await expect(rows.nth(0)).toContainText("2.000.000,00 kr.");

  const left = page.getByTestId("pool-left");
  const round = page.getByTestId("round-total");
  const line = page.getByTestId("pool-line");
  await expect(left).toHaveText("5.000.000,00 kr.");
  await expect(round).toHaveText("0,00 kr.");
  // Undecided lines count with what they ask: 2,0 + 1,5 + 1,2 = 4,7 mio. fit, Svendborg's 1,0 does not.
  await expect(line).toContainText("Puljen rækker hertil");
  await expect(page.locator("[data-testid=pool-line] + tr")).toContainText("Svendborg");

  const decide = (name: string, label: string) => page.getByLabel(`Afgørelse for ${name}`).selectOption({ label });
  await decide("Aabenraa", "Fuldt tilsagn");
  await expect(round).toHaveText("2.000.000,00 kr.");
  await expect(left).toHaveText("3.000.000,00 kr.");

  await decide("Kalundborg", "Reduceret tilsagn");
  await page.getByLabel("Beløb (kr.) for Kalundborg").pressSequentially("1.250.000");
  await expect(left).toHaveText("1.750.000,00 kr.");
  await page.getByLabel("Begrundelse for Kalundborg").fill("Udgifterne til efteruddannelse er sat for højt i forhold til aktiviteterne.");

  await decide("Vordingborg", "Fuldt tilsagn");
  await expect(left).toHaveText("550.000,00 kr.");
  // Svendborg in full would overspend: the board says by how much, and where the pool stops.
  await decide("Svendborg", "Fuldt tilsagn");
  await expect(left).toHaveText("-450.000,00 kr.");
  await expect(page.getByText("Fordelingen er 450.000,00 kr. over puljens ramme.")).toBeVisible();
  await expect(page.locator("[data-testid=pool-line] + tr")).toContainText("Svendborg");
  await decide("Svendborg", "Afslag");
  await page.getByLabel("Begrundelse for Svendborg").fill("Puljens midler rækker ikke længere ned ad behovsindekset.");
  await expect(left).toHaveText("550.000,00 kr.");
  await expect(round).toHaveText("4.450.000,00 kr.");
  await expect(line).toHaveCount(0);
  await expect(page.getByTestId(`grant-${f.boardApplicationIds[1]}`)).toHaveText("1.250.000,00 kr.");

  await page.getByRole("button", { name: "Indstil runden til godkendelse" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Runden er indstillet" })).toContainText("En administrator skal nu godkende den.");
  // The proposer is told why there is no approve button.
  await expect(page.getByText("Du har selv indstillet runden. En anden administrator skal godkende den.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Godkend runden" })).toHaveCount(0);
  // The saved round comes back as proposed, with the caseworker's decisions and reasons.
  await page.reload();
  await expect(page.getByLabel("Beløb (kr.) for Kalundborg")).toHaveValue("1.250.000,00");
  await expect(page.getByLabel("Begrundelse for Svendborg")).toHaveValue("Puljens midler rækker ikke længere ned ad behovsindekset.");
  await expect(left).toHaveText("550.000,00 kr.");

  const admin = await signedIn(browser, "admin");
  await admin.goto(url);
  const roundId = await admin.locator("input[name=roundId]").inputValue();
  // Whatever a caseworker's browser posts, the server refuses it, in Danish, and nothing is decided.
  const refused = await page.request.post(url, { form: { intent: "approve", roundId } });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("Kun en administrator kan godkende en fordelingsrunde.");

  // On PGlite (one connection) the redirect's page waits while the letters are rendered just after the commit.
  await admin.getByRole("button", { name: "Godkend runden" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Runden er godkendt" })).toContainText("3 tilsagn er givet, og afslagene er registreret.", { timeout: 30_000 });
  await expect(admin.getByText("Der er ingen uafgjorte ansøgninger på opslaget.")).toBeVisible();
  await expect(admin.getByText("4 ansøgninger på opslaget er allerede afgjort")).toBeVisible();
  await expect(admin.getByTestId("pool-left")).toHaveText("550.000,00 kr.");

  // The reduced grant's page: amount and payment plan from the scaled budget (planned at approval).
  await admin.goto("/grants");
  await expect(admin.getByRole("link", { name: /Kalundborg/ }).first()).toBeVisible();
  // Three award letters and one rejection letter in the outbox (issued just after the commit).
  await expect(async () => {
    await admin.goto(`/admin/mail?q=${BOARD_MAIL_PREFIX}`);
    await expect(admin.getByRole("cell", { name: /^Tilsagn om tilskud: ansøgning/ })).toHaveCount(3, { timeout: 1_000 });
    await expect(admin.getByRole("cell", { name: /^Afgørelse: ansøgning/ })).toHaveCount(1, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
});

test("two admins approve competing rounds for the last money at the same moment: one succeeds, the other is told in Danish and nothing changes for it", async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const f = fixtures().allocation;
  const [first, second] = await Promise.all([signedIn(browser, "admin"), signedIn(browser, "admin")]);
  const urls = f.raceCallIds.map((id) => `/calls/${id}/allocation`);
  await Promise.all([first.goto(urls[0]!), second.goto(urls[1]!)]);
  for (const p of [first, second]) {
    await expect(p.getByTestId("pool-left")).toHaveText(/^(500|800)\.000,00 kr\.$/);
    await expect(p.getByRole("button", { name: "Godkend runden" })).toBeEnabled();
  }

  await Promise.all([first.getByRole("button", { name: "Godkend runden" }).click(), second.getByRole("button", { name: "Godkend runden" }).click()]);
  const outcome = async (p: Page) => {
    const ok = p.getByRole("status").filter({ hasText: "Runden er godkendt" });
    const failed = p.getByRole("alert").filter({ hasText: "Det lykkedes ikke" });
    await expect(ok.or(failed)).toBeVisible();
    return (await ok.isVisible()) ? "approved" : "refused";
  };
  const results = await Promise.all([outcome(first), outcome(second)]);
  expect(results.sort()).toEqual(["approved", "refused"]);
  const loserIndex = (await first.getByRole("alert").filter({ hasText: "Det lykkedes ikke" }).isVisible()) ? 0 : 1;
  const loser = [first, second][loserIndex]!;
  const winnerKroner = loserIndex === 0 ? "1.200.000,00" : "1.500.000,00";
  const loserName = loserIndex === 0 ? "Haderslev" : "Sønderborg";
  const loserKroner = loserIndex === 0 ? "1.500.000,00" : "1.200.000,00";
  await expect(loser.getByRole("alert").filter({ hasText: "Det lykkedes ikke" })).toContainText(
    `Der er ikke penge nok tilbage i puljen til at godkende runden: tilsagnet til ${loserName} på ${loserKroner} kr. er mere, end der er tilbage. Intet i runden er godkendt.`,
  );

  // The loser's board shows at once what the winner took from the pool.
  await expect(loser.getByText("Disponeret før denne runde").locator("xpath=following-sibling::dd[1]")).toHaveText(`${winnerKroner} kr.`);
  await expect(loser.getByText("Fordelingen er 700.000,00 kr. over puljens ramme.")).toBeVisible();

  // Nothing changed for the loser: its round is still proposed, its application undecided,
  // and the pool holds exactly the winner's grant.
  await loser.reload();
  await expect(loser.getByRole("button", { name: "Godkend runden" })).toBeVisible();
  await expect(loser.getByText("Runden er indstillet til godkendelse")).toBeVisible();
  await expect(loser.getByRole("rowheader", { name: new RegExp(loserName) })).toBeVisible();
  // 2.000.000 − the winner's − its own 1,5/1,2 mio. = −700.000 whoever won.
  await expect(loser.getByTestId("pool-left")).toHaveText("-700.000,00 kr.");
  await expect(loser.getByText(`Disponeret før denne runde`).locator("xpath=following-sibling::dd[1]")).toHaveText(`${winnerKroner} kr.`);
});
