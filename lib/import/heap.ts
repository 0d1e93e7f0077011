import v8 from "node:v8";

// A long import allocates fast (a million rows through the parser), and V8
// by default lets the old generation grow to several times the live heap
// before a full GC: hundreds of MB of garbage, while memory must stay flat.
// While an import runs, the server collects once the heap has grown 30% past
// what is live; afterwards V8's default returns, so ordinary pages do not
// pay for the extra collections. V8 reads the flag at each GC.

const TIGHT_PERCENT = Number(process.env.SB_HEAP_GROWING_PERCENT ?? 30);
// One count per process (Next can load this module in more than one bundle).
const state = ((globalThis as { __sbImportsRunning?: { n: number } }).__sbImportsRunning ??= { n: 0 });

export async function withTightHeap<T>(work: () => Promise<T>): Promise<T> {
  if (state.n++ === 0) v8.setFlagsFromString(`--heap-growing-percent=${TIGHT_PERCENT}`);
  try {
    return await work();
  } finally {
    // 0 is V8's own default: its dynamic growing factor.
    if (--state.n === 0) v8.setFlagsFromString("--heap-growing-percent=0");
  }
}
