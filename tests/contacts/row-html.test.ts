import { contactRowsHtml, escapeHtml, starLabels, type TableColumn, type TableRow } from "@/components/contacts/row-html";

const columns: TableColumn[] = [
  { id: "phone", label: "Phone", numeric: false },
  { id: "company", label: "Company", numeric: false },
  { id: "sessionCount", label: "Sessions", numeric: true },
];

function row(overrides: Partial<TableRow> = {}): TableRow {
  return {
    id: "0b8f0a52-6a3c-4c1e-9d0e-1b2c3d4e5f60",
    displayName: "Jane Doe",
    status: "active",
    starred: false,
    cells: ["(201) 555-0123", "Acme Corp", "3"],
    ...overrides,
  };
}

describe("the contacts table's server-built rows", () => {
  test("escapeHtml covers text and attribute values", () => {
    expect(escapeHtml(`<b a="1" c='2'>&</b>`)).toBe("&lt;b a=&quot;1&quot; c=&#39;2&#39;&gt;&amp;&lt;/b&gt;");
  });

  test("names and cells from the database are escaped everywhere they appear", () => {
    const evil = `"><img src=x onerror=alert(1)>`;
    const html = contactRowsHtml([row({ displayName: evil, cells: ["", "<script>alert(1)</script>", "0"] })], columns, {
      edit: true,
      delete: true,
    });
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain(`data-name="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"`);
  });

  test("one row per contact with its controls, links and cells in column order", () => {
    const html = contactRowsHtml([row(), row({ id: "1b8f0a52-6a3c-4c1e-9d0e-1b2c3d4e5f61", displayName: "John Smith", starred: true, status: "blocked" })], columns, {
      edit: true,
      delete: true,
    });
    expect(html.match(/data-testid="contact-row"/g)).toHaveLength(2);
    expect(html).toContain('aria-label="Select Jane Doe"');
    expect(html).toContain('aria-pressed="false" aria-label="Star Jane Doe"');
    expect(html).toContain('aria-pressed="true" aria-label="Unstar John Smith"');
    expect(html).toContain('href="/contacts/0b8f0a52-6a3c-4c1e-9d0e-1b2c3d4e5f60"');
    expect(html).toContain('href="/contacts/0b8f0a52-6a3c-4c1e-9d0e-1b2c3d4e5f60/edit" aria-label="Edit Jane Doe"');
    expect(html).toContain('aria-label="Delete John Smith"');
    expect(html).toContain(">Blocked</span>");
    expect(html).toContain('(201) 555-0123</td><td data-label="Company">Acme Corp</td><td data-label="Sessions" class="text-right tabular-nums">3</td>');
  });

  test("an empty cell shows a dash; a role without edit or delete gets no such controls", () => {
    const html = contactRowsHtml([row({ cells: ["", "", "0"] })], columns, { edit: false, delete: false });
    // Marked empty so the phone layout leaves it out instead of showing "Phone: —".
    expect(html).toContain('<td data-label="Phone" class="whitespace-nowrap tabular-nums" data-empty><span class="text-slate-500">—</span></td>');
    expect(html).not.toContain("Edit Jane Doe");
    expect(html).not.toContain("Delete Jane Doe");
    expect(html).not.toContain('data-action="delete"');
  });

  test("starLabels matches the star button", () => {
    expect(starLabels(true, "Ann")).toEqual({ label: "Unstar Ann", title: "Remove from favorites" });
    expect(starLabels(false, "Ann")).toEqual({ label: "Star Ann", title: "Add to favorites" });
  });
});
