import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Our stylesheet uses no CSS nesting, so a rule that opens inside another rule is a missing `}` (CSS
 * nesting makes that valid syntax, so neither the build nor the browser complains: the following rules
 * just stop applying, as a bad merge once showed).
 */
describe('styles.css', () => {
  it('closes every rule before the next one opens', () => {
    const css = readFileSync(join(__dirname, '../../src/renderer/src/styles.css'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, (c) =>
      c.replace(/[^\n]/g, ' '),
    )
    const stack: { head: string; line: number }[] = []
    let line = 1
    let head = ''
    for (const ch of css) {
      if (ch === '\n') line++
      if (ch === '{') {
        const outer = stack.at(-1)
        expect(
          outer === undefined || outer.head.startsWith('@'),
          `rule "${head.trim()}" opens inside "${outer?.head}" (line ${outer?.line}) at line ${line}`,
        ).toBe(true)
        stack.push({ head: head.trim().split('\n').at(-1)?.trim() ?? '', line })
        head = ''
      } else if (ch === '}') {
        stack.pop()
        head = ''
      } else head += ch
    }
    expect(stack).toEqual([])
  })
})
