// Issue 13: the exports page updates itself until the file is ready. The admin starts an export; the job
// runs (here in the test process, on the same database and storage the app server reads); the Download
// button appears without a reload, and the CSV it serves starts with its header (spreadsheet-importable).
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { runQueuedExports } from "@/domain/exports/run-export";
import { contextRecordingCsp, launchBrowser, signInThroughUi } from "../support/browser";
import { createOrg, TEST_PASSWORD, type TestOrg } from "../support/factory";

// The job runs here, the download is served by the app server: both must use the same storage.
process.env.STORAGE_DIR = inject("storageDir");

let browser: Browser;
let org: TestOrg;
const cspViolations: string[] = [];

beforeAll(async () => {
  [browser, org] = await Promise.all([launchBrowser(), createOrg("exports-e2e")]);
});
afterAll(async () => {
  await browser?.close();
});

describe("the exports page (issue 13)", () => {
  it("says an export is being prepared, then shows Download by itself once the job has run", async () => {
    const page = await signInThroughUi(await contextRecordingCsp(browser, cspViolations), inject("baseUrl"), org.admin.email, TEST_PASSWORD);
    await page.goto(`${inject("baseUrl")}/app/exports`);
    await page.getByRole("button", { name: "Start export" }).click();
    await page.getByText("One export is being prepared; this list updates by itself.").waitFor();
    expect(await page.getByRole("button", { name: "Download" }).count()).toBe(0);

    expect(await runQueuedExports()).toBeGreaterThanOrEqual(1);
    await page.getByRole("button", { name: "Download" }).waitFor({ timeout: 20_000 });
    expect(await page.getByText("being prepared").count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download" }).click()]);
    const path = await download.path();
    const firstLine = readFileSync(path!, "utf8").split(/\r?\n/)[0];
    expect(firstLine).toMatch(/^record,ticket_number,ticket_id,title,/);
    expect(cspViolations).toEqual([]);
  });
});
