import { describe, expect, it } from 'vitest'
import { KeyRows } from '../../../../src/main/import/write/key-rows'

describe('KeyRows', () => {
  it('says for each key the row where it came last, as a Map would, over a table that grows many times', () => {
    const keys = new KeyRows()
    const map = new Map<string, number>()
    // Ids of several lengths and alphabets, repeats near and far, keys that are prefixes of others.
    const keyOf = (i: number): string => {
      const n = (i * 7919) % 60_000
      return n % 5 === 0 ? `006${n}` : n % 5 === 1 ? `006${n}x` : n % 5 === 2 ? `Łódź-${n}` : n % 5 === 3 ? `${n}` : `😀${n}`
    }
    let repeats = 0
    for (let row = 2; row < 150_000; row++) {
      const key = keyOf(row)
      const expected = map.get(key) ?? 0
      if (expected > 0) repeats++
      expect(keys.note(key, row)).toBe(expected)
      map.set(key, row)
    }
    expect(repeats).toBeGreaterThan(80_000)
    expect(keys.size).toBe(map.size)
  })

  it('tells apart keys that differ only in case, by one character, or are empty', () => {
    const keys = new KeyRows()
    expect(keys.note('', 2)).toBe(0)
    expect(keys.note('a', 3)).toBe(0)
    expect(keys.note('A', 4)).toBe(0)
    expect(keys.note('ab', 5)).toBe(0)
    expect(keys.note('ba', 6)).toBe(0)
    expect(keys.note('', 7)).toBe(2)
    expect(keys.note('ab', 8)).toBe(5)
    expect(keys.note('ab', 9)).toBe(8)
    expect(keys.size).toBe(5)
  })
})
