/** IANA time zones this runtime knows, for the form's suggestions. */
export function timeZones(): string[] {
  return Intl.supportedValuesOf("timeZone");
}

// Whether a name is a time zone is asked once per row of an import: remember answers.
const known = new Map<string, boolean>();

/** An IANA time zone name (or alias such as UTC) this runtime accepts. */
export function isTimeZone(value: string): boolean {
  let answer = known.get(value);
  if (answer === undefined) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: value });
      answer = true;
    } catch {
      answer = false;
    }
    if (known.size < 1000) known.set(value, answer);
  }
  return answer;
}
