import { getCountries } from "libphonenumber-js";

const names = new Intl.DisplayNames(["en"], { type: "region" });

/** Countries libphonenumber-js can parse numbers for, sorted by English name. */
export const COUNTRIES: { code: string; name: string }[] = getCountries()
  .map((code) => ({ code: code as string, name: names.of(code) ?? code }))
  .sort((a, b) => a.name.localeCompare(b.name));

const CODES = new Set(COUNTRIES.map((c) => c.code));

export function isSupportedCountry(code: string): boolean {
  return CODES.has(code);
}

export function countryName(code: string): string {
  return names.of(code) ?? code;
}
