import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { screenshot } from "./support/browser";
import { completeSetup, expectText } from "./support/flows";
import { serverAndBrowser } from "./support/environment";

const env = serverAndBrowser();

const CSV = [
  "Full Name,Mobile,E-mail,Organization,Loyalty Points,Group name",
  "Jane Doe,(201) 555-0123,jane@acme.test,Acme,120,VIP|Newsletter",
  "John Smith,+44 20 7946 0958,john@globex.test,Globex,80,Newsletter",
  "Jane Again,201.555.0123,,,5,",
  "Bad Number,555-0100,,,1,",
  "Ann Lee,(212) 555-0188,ann@initech.test,Initech,not a number,VIP",
].join("\n");

test("import a CSV with preview and progress, download the errors, export the filtered view", async () => {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await completeSetup(page, env.server.url);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sb-import-")), "customers.csv");
  fs.writeFileSync(file, CSV);

  await page.getByRole("link", { name: "Import" }).click();
  await page.waitForURL(/\/contacts\/import$/);
  await page.getByLabel("File (.csv, .xlsx or .vcf)").setInputFiles(file);
  await screenshot(page, "import-01-upload");
  await page.getByRole("button", { name: "Continue to mapping" }).click();
  await page.waitForURL(/\/contacts\/import\/[0-9a-f-]{36}$/);

  // Auto-mapped by synonyms; the unknown column becomes a new number attribute.
  expect(await page.getByLabel("Import “Full Name” as").inputValue()).toBe("name");
  expect(await page.getByLabel("Import “Mobile” as").inputValue()).toBe("phone");
  expect(await page.getByLabel("Import “Group name” as").inputValue()).toBe("lists");
  await page.getByLabel("Import “Loyalty Points” as").selectOption("new:number");
  await screenshot(page, "import-02-mapping");

  await page.getByRole("button", { name: "Preview import" }).click();
  const summary = page.getByTestId("import-summary");
  await summary.waitFor({ timeout: 30_000 });
  await expectText(page, "Will be created");
  await screenshot(page, "import-03-preview");
  expect(await summary.textContent()).toContain("Will fail2");

  await page.getByRole("button", { name: "Import now" }).click();
  await page.getByRole("heading", { name: "Done" }).waitFor({ timeout: 30_000 });
  // The summary names the attribute the import created, and says the Lists column is not "every row".
  expect(await page.getByTestId("import-used-mapping").textContent()).toContain("New number attribute “Loyalty Points”");
  expect(await page.getByTestId("import-used-options").textContent()).toContain("No list chosen (a Lists column still adds its own)");
  await screenshot(page, "import-04-done");
  const text = await page.getByTestId("import-summary").textContent();
  expect(text).toContain("Created2");
  expect(text).toContain("Skipped: repeated in the file1");

  const [errors] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download error CSV" }).click()]);
  const errorCsv = fs.readFileSync((await errors.path())!, "utf8");
  expect(errorCsv).toContain("Row,Reason,Full Name,Mobile");
  expect(errorCsv).toContain("This phone number is too short.");
  expect(errorCsv).toContain("Loyalty Points must be a number.");

  // The imported contacts, their new attribute, and an export of a filtered view.
  await page.goto(`${env.server.url}/contacts?q=globex`);
  expect(await page.getByTestId("contact-row").count()).toBe(1);
  await page.getByRole("button", { name: "Export" }).click();
  await screenshot(page, "import-05-export-dialog");
  const [exported] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download" }).click()]);
  const exportCsv = fs.readFileSync((await exported.path())!, "utf8").replace(/^\uFEFF/, "");
  const lines = exportCsv.trim().split("\n");
  expect(lines).toHaveLength(2);
  expect(lines[0]).toContain("First name,Last name,Company,Phone,Email");
  expect(lines[0]).toContain("Loyalty Points");
  expect(lines[1]).toContain("John,Smith,Globex,+442079460958,john@globex.test");
  expect(lines[1]).toContain("Newsletter");
  await context.close();
});
