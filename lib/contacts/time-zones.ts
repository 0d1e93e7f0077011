/** IANA time zones this runtime knows, for the form's suggestions. */
export function timeZones(): string[] {
  return Intl.supportedValuesOf("timeZone");
}
