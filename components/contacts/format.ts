const DATE = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

/** "Nov 26, 2026", or an em dash for never. */
export function formatDate(value: Date | string | null): string {
  if (!value) return "—";
  return DATE.format(new Date(value));
}

const DATE_TIME = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

/**
 * "Dec 1, 2026, 3:04:05 PM UTC": histories show the time to the second, so
 * several changes on one day can be told apart.
 */
export function formatDateTime(value: Date | string | null): string {
  if (!value) return "—";
  return `${DATE_TIME.format(new Date(value))} UTC`;
}

export function formatCount(n: number): string {
  return n.toLocaleString("en-US");
}

/** "about 1.2M" style for estimated totals. */
export function formatApproximate(n: number): string {
  if (n >= 1_000_000) return `about ${(n / 1_000_000).toFixed(1).replace(/\.0$/, "")}M`;
  if (n >= 1_000) return `about ${Math.round(n / 1_000).toLocaleString("en-US")}K`;
  return `about ${n}`;
}
