import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { SharedStringTable } from '../../../../src/main/import/read/shared-strings'

/** Text as an XML parser can give it: any Unicode scalar values (never a lone surrogate). */
const text = fc.string({ unit: 'grapheme', maxLength: 40 })

describe('the shared-string table', () => {
  it('gives back every string as it was pushed, null for one over the limit, undefined past the end (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.option(text, { freq: 8 }), { maxLength: 200 }), (strings) => {
        const table = SharedStringTable.of(strings)
        expect(table.length).toBe(strings.length)
        strings.forEach((s, i) => {
          expect(table.get(i)).toBe(s)
          expect(table.usable(i)).toBe(s !== null)
        })
        for (const i of [-1, strings.length, strings.length + 5, Number.NaN, 0.5]) {
          if (Number.isInteger(i) && i >= 0 && i < strings.length) continue
          expect(table.get(i)).toBeUndefined()
          expect(table.usable(i)).toBe(false)
        }
      }),
    )
  })

  it('keeps strings apart across its 1 MB buffers, a string larger than one included', () => {
    const big = 'é'.repeat(700_000) // 1.4 MB of UTF-8: its own buffer
    const strings: (string | null)[] = []
    for (let i = 0; i < 120_000; i++) strings.push(i % 1000 === 0 ? null : `Deal ${i} — Überweisung ${'x'.repeat(i % 13)}`)
    strings.splice(50_000, 0, big, '', 'after the big one')
    const table = SharedStringTable.of(strings)
    expect(table.length).toBe(strings.length)
    for (let i = 0; i < strings.length; i++) if (table.get(i) !== strings[i]) expect([i, table.get(i)]).toEqual([i, strings[i]])
    expect(table.get(50_000)).toBe(big)
  })
})
