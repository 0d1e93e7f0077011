import type { Page } from "playwright-core";
import { screenshot } from "./support/browser";
import { ADMIN, addContact as addContactAt, completeSetup, expectText, signIn } from "./support/flows";
import { serverAndBrowser } from "./support/environment";

// Issue 21: everything reachable and operable by keyboard, with a visible
// focus ring: the contacts table (row selection, star, row actions), the
// bulk bar, dialogs (focus kept inside, given back on close), the import
// wizard and the invite picker. No mouse is used after the set-up: every
// control is reached with Tab / Shift+Tab and used with Space, Enter, arrows
// or Escape, as a keyboard user would.

const env = serverAndBrowser();

// One workspace for the file (first-run setup happens once per server), with the contacts the tests use.
beforeAll(async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await completeSetup(page, env.server.url);
  for (const [first, last, phone] of [
    ["Ann", "Able", "(201) 555-0101"],
    ["Bob", "Baker", "(201) 555-0102"],
    ["Cy", "Cole", "(201) 555-0103"],
    ["Fay", "Fox", "(201) 555-0161"],
    ["Gil", "Gray", "(201) 555-0162"],
  ]) {
    await addContactAt(page, env.server.url, first, last, phone);
  }
  await context.close();
});

async function signedIn(): Promise<{ page: Page; close: () => Promise<void> }> {
  const context = await env.browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await signIn(page, env.server.url, ADMIN.email, ADMIN.password);
  return { page, close: () => context.close() };
}

type Focused = { label: string; inDialog: boolean; inTable: boolean; ring: boolean; tag: string };

/**
 * The focused element: its accessible label (aria-label, else its label or
 * text), where it is, and whether a focus ring shows: its outline or box
 * shadow differs from an unfocused copy of it (same classes, same place), so
 * a control that always has a shadow (ring-1, shadow-sm) does not pass for one.
 */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { label: "", inDialog: false, inTable: false, ring: false, tag: "body" };
    const look = (node: Element) => {
      const style = getComputedStyle(node);
      const outline = style.outlineStyle === "none" || parseFloat(style.outlineWidth) === 0 ? "none" : `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
      return `${outline} | ${style.boxShadow}`;
    };
    const copy = el.cloneNode(false) as HTMLElement;
    copy.removeAttribute("id");
    el.after(copy);
    const unfocused = look(copy);
    copy.remove();
    const labelledBy = el.getAttribute("aria-labelledby");
    const labels = (el as HTMLInputElement).labels;
    const label =
      el.getAttribute("aria-label") ?? (labelledBy ? document.getElementById(labelledBy)?.textContent : null) ?? (labels?.length ? labels[0].textContent : null) ?? el.textContent ?? "";
    return {
      label: label.trim(),
      inDialog: Boolean(el.closest('[role="dialog"], [role="alertdialog"]')),
      inTable: Boolean(el.closest("table")),
      ring: look(el) !== unfocused,
      tag: el.tagName.toLowerCase(),
    };
  });
}

/** Presses `key` (Tab or Shift+Tab) until the focused element's label matches; fails after `max` presses. Each stop must show a focus ring. */
async function tabTo(page: Page, label: string | RegExp, key: "Tab" | "Shift+Tab" = "Tab", max = 80): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    seen.push(now.label.slice(0, 40));
    expect({ label: now.label, ring: now.ring }).toEqual({ label: now.label, ring: true });
    if (typeof label === "string" ? now.label === label : label.test(now.label)) return now;
  }
  throw new Error(`${key} never reached “${String(label)}” in ${max} presses; focus went through: ${seen.join(" | ")}`);
}

/** Waits (up to 3 s) until focus is on the element labelled `label`: Radix gives focus back just after a dialog unmounts. */
async function expectFocusOn(page: Page, label: string) {
  let now = await focused(page);
  for (let i = 0; i < 30 && now.label !== label; i++) {
    await page.waitForTimeout(100);
    now = await focused(page);
  }
  expect(now.label).toBe(label);
}

/** Tab and Shift+Tab `presses` times each: focus never leaves the open dialog. */
async function expectFocusTrapped(page: Page, presses = 8) {
  for (const key of ["Tab", "Shift+Tab"]) {
    for (let i = 0; i < presses; i++) {
      await page.keyboard.press(key);
      const now = await focused(page);
      expect({ key, inDialog: now.inDialog }).toEqual({ key, inDialog: true });
    }
  }
}

test("the contacts table, bulk bar and dialogs by keyboard: select, star, delete with focus trapped and returned", async () => {
  const { page, close } = await signedIn();
  await page.goto(`${env.server.url}/contacts`);
  await page.getByRole("cell", { name: "Cy Cole", exact: true }).waitFor();

  // The first Tab stop skips the header and its navigation.
  await page.keyboard.press("Tab");
  await expectFocusOn(page, "Skip to content");
  expect((await focused(page)).ring).toBe(true);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  await expectFocusOn(page, "Lists");

  // Row selection: Space on a row's checkbox selects it and shows the bulk bar.
  await tabTo(page, "Select Ann Able");
  await page.keyboard.press("Space");
  await page.getByTestId("selection-count").getByText("1 contact selected").waitFor();
  await tabTo(page, "Select Bob Baker");
  await page.keyboard.press("Space");
  await page.getByTestId("selection-count").getByText("2 contacts selected").waitFor();
  await screenshot(page, "keyboard-01-selected");

  // The bulk bar sits above the table: Shift+Tab reaches it; Enter on Star
  // stars both. The bar then closes, and focus waits at "Select all on this
  // page" rather than falling back to the top of the page.
  await tabTo(page, "Star", "Shift+Tab");
  await page.keyboard.press("Enter");
  await expectText(page, "Starred 2 contacts.");
  const table = page.getByRole("table", { name: "Contacts" });
  await table.getByRole("button", { name: "Unstar Ann Able" }).waitFor();
  await table.getByRole("button", { name: "Unstar Bob Baker" }).waitFor();
  await page.getByRole("region", { name: "Bulk actions" }).waitFor({ state: "detached" });
  await expectFocusOn(page, "Select all on this page");

  // Select both again; the bulk Delete opens a confirmation: focus goes into
  // it, stays there, and Escape cancels and gives it back.
  await tabTo(page, "Select Ann Able");
  await page.keyboard.press("Space");
  await tabTo(page, "Select Bob Baker");
  await page.keyboard.press("Space");
  await tabTo(page, "Delete", "Shift+Tab");
  await page.keyboard.press("Enter");
  const bulkDialog = page.getByRole("alertdialog", { name: "Delete 2 contacts?" });
  await bulkDialog.waitFor();
  expect((await focused(page)).inDialog).toBe(true);
  await expectFocusTrapped(page);
  await screenshot(page, "keyboard-02-bulk-delete-dialog");
  await page.keyboard.press("Escape");
  await bulkDialog.waitFor({ state: "hidden" });
  await expectFocusOn(page, "Delete");
  await page.getByTestId("selection-count").getByText("2 contacts selected").waitFor();

  // A row's star by keyboard: Enter toggles it (Cy was not starred).
  // The refresh that confirms it re-renders the rows; focus stays on the
  // row's star instead of falling back to the top of the page.
  await tabTo(page, "Star Cy Cole");
  await page.keyboard.press("Enter");
  await table.getByRole("button", { name: "Unstar Cy Cole" }).waitFor();
  await page.getByRole("list", { name: "Favorite contacts" }).getByText("Cy Cole").waitFor();
  await expectFocusOn(page, "Unstar Cy Cole");
  expect((await focused(page)).inTable).toBe(true);

  // A row's Delete: the dialog names the contact; Escape returns focus to the row's button.
  await tabTo(page, "Delete Cy Cole");
  await page.keyboard.press("Enter");
  const rowDialog = page.getByRole("alertdialog", { name: "Delete Cy Cole?" });
  await rowDialog.waitFor();
  await expectFocusTrapped(page);
  await page.keyboard.press("Escape");
  await rowDialog.waitFor({ state: "hidden" });
  await expectFocusOn(page, "Delete Cy Cole");

  // Again, and this time confirm with the keyboard: the contact is gone.
  await page.keyboard.press("Enter");
  await rowDialog.waitFor();
  await tabTo(page, "Delete contact");
  await page.keyboard.press("Enter");
  await expectText(page, "Cy Cole was deleted.");
  await page.getByRole("cell", { name: "Cy Cole", exact: true }).waitFor({ state: "detached" });
  // Its row is gone: focus waits at the table's start, not the page's.
  await expectFocusOn(page, "Select all on this page");

  // A row's name is a link: Enter opens the contact (Fay is not starred, so
  // this is the table's link, not the Favorites panel's).
  await page.goto(`${env.server.url}/contacts`);
  const link = await tabTo(page, "Fay Fox");
  expect({ tag: link.tag, inTable: link.inTable }).toEqual({ tag: "a", inTable: true });
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/contacts\/[0-9a-f-]{36}$/);
  await page.getByRole("heading", { name: "Fay Fox" }).waitFor();
  await close();
});

test("the import wizard by keyboard: paste, map, choose a list, preview, import", async () => {
  const { page, close } = await signedIn();
  await page.goto(`${env.server.url}/lists`);
  await page.getByLabel("List name").fill("Spring");
  await page.getByRole("button", { name: "Create list" }).click();
  await expectText(page, "Spring");

  await page.goto(`${env.server.url}/contacts/import`);
  // The pasted-text box: a keyboard user's way in (a file chooser is the system's own dialog).
  await tabTo(page, /paste CSV text/);
  await page.keyboard.type("Name,Mobile,Shoe size\nDee Dunn,(201) 555-0144,9\nEd Eng,(201) 555-0145,10\n");
  await tabTo(page, "Continue to mapping");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/contacts\/import\/[0-9a-f-]{36}$/);

  // A mapping select by keyboard: arrows change the choice without opening it.
  await page.getByLabel("Import “Shoe size” as").waitFor();
  await tabTo(page, "Import “Shoe size” as");
  const before = await page.getByLabel("Import “Shoe size” as").inputValue();
  await page.keyboard.press("ArrowDown");
  expect(await page.getByLabel("Import “Shoe size” as").inputValue()).not.toBe(before);
  await page.keyboard.press("ArrowUp");
  expect(await page.getByLabel("Import “Shoe size” as").inputValue()).toBe(before);

  // The lists to add every row to are checkboxes: Space ticks one.
  await tabTo(page, "Spring");
  await page.keyboard.press("Space");
  expect(await page.getByRole("checkbox", { name: "Spring" }).isChecked()).toBe(true);
  await screenshot(page, "keyboard-03-import-mapping");

  await tabTo(page, "Preview import");
  await page.keyboard.press("Enter");
  await page.getByTestId("import-summary").waitFor({ timeout: 30_000 });
  await tabTo(page, "Import now");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Done" }).waitFor({ timeout: 30_000 });
  expect(await page.getByTestId("import-summary").textContent()).toContain("Created2");

  await page.goto(`${env.server.url}/contacts`);
  for (const name of ["Dee Dunn", "Ed Eng"]) await page.getByRole("cell", { name, exact: true }).waitFor();
  await close();
});

test("the invite picker by keyboard: opens from its button, keeps focus, picks with Enter, gives focus back", async () => {
  const { page, close } = await signedIn();
  await page.goto(`${env.server.url}/sessions/new`);
  await page.getByLabel("Session title").waitFor();

  await tabTo(page, "Select from Contacts");
  await page.keyboard.press("Enter");
  const picker = page.getByRole("dialog", { name: "Select from Contacts" });
  await picker.waitFor();
  // The search box has focus: typing narrows the list.
  await expectFocusOn(page, "Search contacts");
  await page.keyboard.type("gr");
  await page.getByRole("option", { name: /Gil Gray/ }).waitFor();
  await page.getByRole("option", { name: /Fay Fox/ }).waitFor({ state: "detached" });
  await expectFocusTrapped(page, 3);
  await page.keyboard.press("Enter");
  await picker.waitFor({ state: "hidden" });
  expect(await page.getByLabel("Phone number").inputValue()).toBe("(201) 555-0162");
  await expectFocusOn(page, "Select from Contacts");

  // Escape closes it without picking, and focus comes back too.
  await page.keyboard.press("Enter");
  await picker.waitFor();
  await page.keyboard.press("Escape");
  await picker.waitFor({ state: "hidden" });
  await expectFocusOn(page, "Select from Contacts");
  expect(await page.getByLabel("Phone number").inputValue()).toBe("(201) 555-0162");
  await close();
});
