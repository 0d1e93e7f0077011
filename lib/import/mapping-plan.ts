import { candidateOf, isMobileLabel, MULTI_VALUE } from "./header-map";

// A mapping compiled once per run, so the per-row work (a million rows) is
// plain array reads: which columns fill what, and how a row with several
// phone or email columns picks the one it keeps.

type Candidate = { index: number; rank: number; labelIndex: number };

export type MappingPlan = {
  /** Columns that fill one target each (fields, attributes, the import's own). */
  simple: { index: number; target: string }[];
  phones: Candidate[];
  emails: Candidate[];
};

const plans = new WeakMap<readonly string[], MappingPlan>();

export function planFor(mapping: readonly string[]): MappingPlan {
  let plan = plans.get(mapping);
  if (!plan) plans.set(mapping, (plan = compile(mapping)));
  return plan;
}

function compile(mapping: readonly string[]): MappingPlan {
  const plan: MappingPlan = { simple: [], phones: [], emails: [] };
  let pendingLabel = -1;
  mapping.forEach((target, index) => {
    if (!target) return;
    if (target === "phoneType") {
      pendingLabel = index;
      return;
    }
    const candidate = candidateOf(target);
    if (!candidate || candidate.field === "email") pendingLabel = -1; // a label belongs to the phone right after it, nothing further on
    if (!candidate) return void plan.simple.push({ index, target });
    // A label column labels the phone column that follows it (Google: "Phone 1 - Label", "Phone 1 - Value").
    const labelIndex = candidate.field === "phone" ? pendingLabel : -1;
    if (candidate.field === "phone") pendingLabel = -1;
    (candidate.field === "phone" ? plan.phones : plan.emails).push({ index, rank: candidate.tier, labelIndex });
  });
  plan.phones.sort((a, b) => a.rank - b.rank);
  plan.emails.sort((a, b) => a.rank - b.rank);
  return plan;
}

/**
 * The one value a row keeps of its phone (or email) columns: the first filled
 * one labelled mobile, else the filled one ranked first. `extra` says whether
 * the row held more values than that one: those are not imported.
 */
export function pickValue(values: readonly string[], candidates: Candidate[], preferMobile: boolean): { value: string; extra: boolean } {
  let chosen = "";
  let chosenMobile = false;
  let filled = 0;
  for (const c of candidates) {
    let value = (values[c.index] ?? "").trim();
    if (value === "") continue;
    if (value.includes(MULTI_VALUE)) {
      filled++;
      value = value.slice(0, value.indexOf(MULTI_VALUE)).trim();
    }
    filled++;
    const mobile = preferMobile && c.labelIndex >= 0 && isMobileLabel((values[c.labelIndex] ?? "").trim());
    if (chosen === "" || (mobile && !chosenMobile)) {
      chosen = value;
      chosenMobile = mobile;
    }
  }
  return { value: chosen, extra: filled > 1 };
}
