import { sql, type SQL } from "drizzle-orm";
import { phoneSearchTerms } from "./phone";

/** A LIKE pattern matching `term` anywhere, its own %, _ and \ taken literally. */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/**
 * The search box's conditions on contacts `c`: a phone typed in any format
 * (any of its digit runs, or its E.164 form), else every word of the text.
 * The LIKEs on search_text are what its trigram index answers.
 */
export function searchConditions(q: string, defaultCountry: string): SQL[] {
  const conditions: SQL[] = [];
  const text = q.trim().toLowerCase();
  if (text) {
    const phone = phoneSearchTerms(text, defaultCountry);
    if (phone) {
      const alternatives = phone.digits.map((d) => sql`c.search_text LIKE ${likePattern(d)}`);
      if (phone.e164) alternatives.push(sql`c.phone_e164 = ${phone.e164}`);
      conditions.push(sql`(${sql.join(alternatives, sql` OR `)})`);
    } else {
      for (const term of text.split(/\s+/)) conditions.push(sql`c.search_text LIKE ${likePattern(term)}`);
    }
  }
  return conditions;
}
