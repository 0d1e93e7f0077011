/**
 * Rows encoded as PostgreSQL COPY text (tab-separated, `\N` for null) into
 * one Buffer that is reused batch after batch. The bulk of an import then
 * lives outside the JavaScript heap and is never garbage: memory stays flat
 * however many rows go through (a batch of row arrays, joined into one large
 * string, was promoted to the old generation and piled up until a full GC).
 */
export class TsvBuffer {
  private buffer: Buffer;
  private used = 0;
  rows = 0;

  constructor(initialBytes = 4 * 1024 * 1024) {
    this.buffer = Buffer.allocUnsafe(initialBytes);
  }

  add(values: readonly (string | null)[]): void {
    let line = "";
    for (let i = 0; i < values.length; i++) {
      if (i > 0) line += "\t";
      const value = values[i];
      line += copyTextCell(value);
    }
    line += "\n";
    const needed = Buffer.byteLength(line);
    if (this.used + needed > this.buffer.length) this.grow(this.used + needed);
    this.used += this.buffer.write(line, this.used);
    this.rows++;
  }

  /** The encoded rows; valid until the next `reset` or `add`. */
  data(): Buffer {
    return this.buffer.subarray(0, this.used);
  }

  reset(): void {
    this.used = 0;
    this.rows = 0;
  }

  private grow(atLeast: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(atLeast, this.buffer.length * 2));
    this.buffer.copy(bigger, 0, 0, this.used);
    this.buffer = bigger;
  }
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

/** One value in COPY text format: `\N` for null; backslash, tab, newline and carriage return escaped. */
export function copyTextCell(value: string | null): string {
  if (value === null) return "\\N";
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (m) => ESCAPES[m]) : value;
}
