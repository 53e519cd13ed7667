import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KeyRows } from '../../../../src/main/import/write/key-rows'

describe('the key table of an import', () => {
  it('says for each key the row it came last, exactly as a Map would (property)', () => {
    // Few distinct characters, so keys repeat, share prefixes and collide in the table's slots.
    const key = fc.oneof(
      fc.string({ unit: fc.constantFrom('0', '6', 'A', 'a'), maxLength: 6 }),
      fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.string({ unit: fc.constantFrom('é', 'ÿ', 'Ā', '한', '😀', 'x'), maxLength: 5 }),
    )
    fc.assert(
      fc.property(fc.array(key, { maxLength: 400 }), (keys) => {
        const table = new KeyRows()
        const map = new Map<string, number>()
        keys.forEach((k, i) => {
          const row = i + 2
          expect(table.exchange(k, row)).toBe(map.get(k) ?? 0)
          map.set(k, row)
        })
        expect(table.size).toBe(map.size)
      }),
      { numRuns: 500 },
    )
  })

  it('keeps 300,000 keys apart through its growth, wide ones among them', () => {
    const table = new KeyRows()
    const keyOf = (i: number): string => (i % 7 === 0 ? `Ā${i}` : `006${String(i).padStart(12, '0')}`)
    let seenBefore = 0
    for (let i = 0; i < 300_000; i++) if (table.exchange(keyOf(i), i + 2) !== 0) seenBefore++
    expect(seenBefore).toBe(0)
    expect(table.size).toBe(300_000)
    for (let i = 0; i < 300_000; i += 997) expect(table.exchange(keyOf(i), 1)).toBe(i + 2)
    expect(table.exchange('006', 5)).toBe(0)
    expect(table.exchange('', 6)).toBe(0)
    expect(table.exchange('', 7)).toBe(6)
  })

  it('tells apart keys that differ only in case, by one character, or are empty', () => {
    const keys = new KeyRows()
    expect(keys.exchange('', 2)).toBe(0)
    expect(keys.exchange('a', 3)).toBe(0)
    expect(keys.exchange('A', 4)).toBe(0)
    expect(keys.exchange('ab', 5)).toBe(0)
    expect(keys.exchange('ba', 6)).toBe(0)
    expect(keys.exchange('', 7)).toBe(2)
    expect(keys.exchange('ab', 8)).toBe(5)
    expect(keys.exchange('ab', 9)).toBe(8)
    expect(keys.size).toBe(5)
  })
})
