import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise')

interface Violation {
  rule: { name: string }
  from: string
  to: string
}

/** Runs the project's layer rules (the same config `npm run lint` uses) over a folder laid out like src/. */
function violations(cwd: string): Violation[] {
  let out: string
  try {
    out = execFileSync(DEPCRUISE, ['src', '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'], {
      cwd,
      encoding: 'utf8',
    })
  } catch (e) {
    // depcruise exits non-zero when it finds violations; its JSON report is still on stdout.
    out = (e as { stdout: string }).stdout
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations
}

describe('layer rules (dependency-cruiser, part of npm run lint)', () => {
  it('fail on each deliberately wrong import of the fixture, and allow the zustand slice pattern', () => {
    const found = violations(join(ROOT, 'tests/fixtures/layers'))
      .map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)
      .sort()
    expect(found).toEqual([
      'db-is-the-bottom: src/main/db/rows.ts -> src/main/services/service.ts',
      'features-stay-apart: src/renderer/src/features/board/BoardView.tsx -> src/renderer/src/features/handoff/AddToMeeting.tsx',
      'no-cycles: src/main/metrics/a.ts -> src/main/metrics/b.ts',
      'shared-stays-shared: src/shared/leaky.ts -> src/main/db/rows.ts',
      'store-not-features: src/renderer/src/store/board-slice.ts -> src/renderer/src/features/board/BoardView.tsx',
    ])
  })

  it('pass on the sources', () => {
    expect(violations(ROOT)).toEqual([])
  })
})
