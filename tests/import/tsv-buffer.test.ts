import { copyTextCell, TsvBuffer } from "@/lib/tsv-buffer";

test("COPY text cells: null, and backslash, tab, newline and carriage return escaped", () => {
  expect(copyTextCell(null)).toBe("\\N");
  expect(copyTextCell("plain")).toBe("plain");
  expect(copyTextCell("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
});

test("the buffer grows past its size, counts rows, and is empty again after reset", () => {
  const buffer = new TsvBuffer(16);
  buffer.add(["Zoë", null, "x\ty"]);
  buffer.add(["a".repeat(40), "b"]);
  expect(buffer.rows).toBe(2);
  expect(buffer.data().toString("utf8")).toBe(`Zoë\t\\N\tx\\ty\n${"a".repeat(40)}\tb\n`);
  buffer.reset();
  expect(buffer.rows).toBe(0);
  expect(buffer.data().length).toBe(0);
});
