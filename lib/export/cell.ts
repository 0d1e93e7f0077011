const FORMULA_START = /^[=+\-@\t\r]/;
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * Makes a cell safe for spreadsheets: a value that Excel or Sheets would run
 * as a formula (starting with = + - @ tab or CR) gets a leading apostrophe.
 * A valid E.164 phone number is left exactly as it is (peers corrupt phones here).
 */
export function safeCell(value: string): string {
  if (!FORMULA_START.test(value) || E164.test(value)) return value;
  return `'${value}`;
}

/** The inverse, for imports: an exported `'=…` cell comes back as `=…`, so a round trip changes nothing. */
export function unescapeCell(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
