// Close-out in the browser: the admin moves the test clock past the initiative's end of a
// pool of its own (fixtures: nothing unsettled), closes it after the confirmation, and from
// then on every write to it is refused with the Danish 403 and its pages offer none, while
// the pages and the archive still open. The demo pool is only looked at: it has unsettled grants, so the page lists
// them and offers no button. The clock is reset at the end.
import { expect, test, type Page } from "@playwright/test";
import { fixtures, login } from "./utils";

const CLOSED_TEXT = "Puljen er afsluttet, og alt i den er nu skrivebeskyttet.";

async function setClock(admin: Page, date: string | null) {
  await admin.goto("/admin/clock");
  if (!date) {
    const off = admin.getByRole("button", { name: "Slå testuret fra" });
    if (await off.count()) {
      await off.click();
      await expect(admin.getByText("Testuret er slået fra.", { exact: false })).toBeVisible();
    }
    return;
  }
  await admin.getByLabel("Dato").fill(date);
  await admin.getByLabel("Klokkeslæt (dansk tid)").fill("10:00");
  await admin.getByRole("button", { name: "Stil testuret" }).click();
  await expect(admin.getByText("Testuret er stillet.")).toBeVisible();
}

test("an admin closes a settled pool after its end; every write is then refused, reads and the archive still work", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const f = fixtures();
  const { poolId, callId } = f.closeOut;
  await login(page, "admin");
  try {
    // The demo pool has unsettled grants: the blocking list, no button.
    await page.goto(`/pools/${f.historicalPoolId}/close`);
    await expect(page.getByTestId("close-blockers")).toContainText("regnskabet er ikke godkendt");
    await expect(page.getByRole("button", { name: "Afslut puljen" })).toHaveCount(0);

    // Before the initiative's end (30.06.2031) the fixture pool cannot be closed either.
    await page.goto(`/pools/${poolId}/close`);
    await expect(page.getByTestId("close-blockers")).toContainText("Initiativets slutdato (30.06.2031) er ikke passeret endnu.");

    await setClock(page, "2031-07-01");
    await page.goto(`/pools/${poolId}/close`);
    await expect(page.getByText("afslutningen kan ikke fortrydes", { exact: false }).first()).toBeVisible();
    // Without the confirmation: a Danish message at the checkbox, nothing closed.
    await page.getByRole("button", { name: "Afslut puljen" }).click();
    await expect(page.getByText("Bekræft, at du vil afslutte puljen").first()).toBeVisible();
    await page.getByLabel("Jeg forstår, at alt i puljen bliver skrivebeskyttet", { exact: false }).check();
    await page.getByRole("button", { name: "Afslut puljen" }).click();
    await expect(page).toHaveURL(new RegExp(`/pools/${poolId}\\?afsluttet=1`));

    // The pool's call says it is closed and offers no changes, not even from a confirmation link.
    await page.goto(`/calls/${callId}?confirm=withdraw`);
    await expect(page.getByText("Alt i puljen er skrivebeskyttet", { exact: false })).toBeVisible();
    await expect(page.getByRole("button", { name: "Ja, træk opslaget tilbage" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Træk tilbage til kladde" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Redigér" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Importér behovsindeks" })).toHaveCount(0);

    // Writes over HTTP, as a form post with the session: 403 and the Danish message.
    const posts: [string, Record<string, string>][] = [
      [`/calls/${callId}`, { intent: "withdraw" }],
      [`/pools/${poolId}/close`, { confirm: "ja" }],
    ];
    for (const [path, form] of posts) {
      const res = await page.request.post(path, { form, headers: { origin: baseURL! }, maxRedirects: 0 });
      expect(res.status(), path).toBe(403);
      expect(await res.text(), path).toContain(CLOSED_TEXT);
    }

    // Reads and exports still work.
    for (const path of [`/pools/${poolId}`, `/calls/${callId}`, `/pools/${poolId}/close`, `/pools/${poolId}/export.xlsx`]) {
      expect((await page.request.get(path)).status(), path).toBe(200);
    }
    await page.goto(`/pools/${poolId}/close`);
    await expect(page.getByText("Alt i puljen er skrivebeskyttet.", { exact: false })).toBeVisible();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "hente arkivudtrækket" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^arkiv-pulje-\d+-.*\.zip$/);
    const bytes = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(bytes).subarray(0, 2).toString()).toBe("PK");
  } finally {
    await setClock(page, null);
  }
});
