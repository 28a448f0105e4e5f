/** What the fuzz tests share: their seed and the time budget of one input. */

// FUZZ_SEED tries other inputs (the suite always runs the same ones).
export const FUZZ_SEED = Number(process.env['FUZZ_SEED'] ?? 20_260_224);

/** The longest one input may take to parse. */
export const LIMIT_MS = 50;

/** Runs `work` and fails when it takes longer than the limit twice in a row (once may be a pause of the collector). */
export function quickly<T>(work: () => T): T {
  for (let attempt = 0; ; attempt++) {
    const started = performance.now();
    const result = work();
    const took = performance.now() - started;
    if (took < LIMIT_MS) return result;
    if (attempt > 0) throw new Error(`took ${took.toFixed(1)} ms, more than ${LIMIT_MS} ms`);
  }
}
