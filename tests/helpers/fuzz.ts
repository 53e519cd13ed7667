import type fc from 'fast-check'

/**
 * The fuzz suites' settings and bookkeeping. Every property runs FUZZ_RUNS cases (TANDEM_FUZZ_RUNS,
 * 10,000 by default) from one seed, printed at the start so that a failure can be repeated exactly
 * with TANDEM_FUZZ_SEED; fast-check prints the failing case's seed and path as well.
 */
export const FUZZ_RUNS = Number(process.env.TANDEM_FUZZ_RUNS ?? 10_000)
export const FUZZ_SEED = Number(process.env.TANDEM_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))

/** Longest a single read may take before the case counts as a hang. */
export const HANG_MS = 5_000

let announced = false

/** fast-check parameters for a fuzz property of `runs` cases. */
export function fuzzParams(runs = FUZZ_RUNS): fc.Parameters<unknown> {
  if (!announced) {
    announced = true
    console.log(`fuzz: seed ${FUZZ_SEED} (repeat with TANDEM_FUZZ_SEED=${FUZZ_SEED}), ${fmt(FUZZ_RUNS)} cases per property`)
  }
  return { numRuns: runs, seed: FUZZ_SEED }
}

const fmt = (n: number): string => n.toLocaleString('en-US')

/**
 * Counts the outcomes of one property's cases and prints them as one line. A property fails at its
 * first crash (fast-check then shrinks it and reports it), so a line is printed only for a property that
 * held: its crash count is 0 by construction, and `cases` proves how many cases actually ran.
 */
export class Tally {
  cases = 0
  slowestMs = 0
  /** Whether the cases ran under the hang guard (`bounded`), with their times. */
  private timed = false
  private readonly outcomes = new Map<string, number>()

  constructor(private readonly name: string) {}

  /** Records one case's outcome ("read", "refused", ...) and how long it took. */
  count(outcome: string, ms?: number): void {
    this.cases++
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1)
    if (ms !== undefined) {
      this.timed = true
      if (ms > this.slowestMs) this.slowestMs = ms
    }
  }

  of(outcome: string): number {
    return this.outcomes.get(outcome) ?? 0
  }

  print(): void {
    const parts = [...this.outcomes].map(([outcome, n]) => `${fmt(n)} ${outcome}`)
    const slowest = this.timed ? `; slowest case ${fmt(Math.ceil(this.slowestMs))} ms` : ''
    console.log(`fuzz: ${this.name}: ${fmt(this.cases)} cases, 0 crashes${this.timed ? ', 0 hangs' : ''} (${parts.join(', ')}${slowest})`)
  }
}

/**
 * `work`, or a failure when it has not settled within HANG_MS. A read that never yields to the event
 * loop cannot be caught by a timer, but then the test's own timeout fails the suite instead.
 */
export async function bounded<T>(what: string, work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: ${what} did not finish within ${HANG_MS} ms`)), HANG_MS)
  })
  try {
    const value = await Promise.race([work(), hang])
    return { value, ms: performance.now() - started }
  } finally {
    clearTimeout(timer)
  }
}

/** A message fit for the user: one non-empty line. */
export function isOneLine(message: string): boolean {
  return message.trim().length > 0 && !/[\r\n\u2028\u2029]/.test(message)
}
