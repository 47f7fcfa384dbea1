import fc from 'fast-check';

/**
 * Cases per property. The default keeps the fuzz specs well under a minute
 * in CI; a long local run: `FUZZ_RUNS=20000 npx jest -c api-e2e/jest.config.cts api-e2e/src/fuzz`.
 * FUZZ_SEED replays a failure that fast-check reported.
 */
export function fuzzOptions(defaultRuns: number): fc.Parameters<unknown> {
  const runs = Number(process.env.FUZZ_RUNS) || defaultRuns;
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
  return { numRuns: runs, ...(seed === undefined ? {} : { seed }), endOnFailure: true };
}

/** Jest's timeout for a property of `runs` cases, each worth about `msPerCase`. */
export function fuzzTimeout(defaultRuns: number, msPerCase = 20): number {
  return 30_000 + (Number(process.env.FUZZ_RUNS) || defaultRuns) * msPerCase;
}
