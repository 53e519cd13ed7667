import { describe, expect, it } from 'vitest'
import { exampleKey, exampleValue } from '../../src/renderer/src/features/import/labels'

describe('import preview labels (issue #14, 10)', () => {
  it("shows a target's period, team and segment instead of the internal key", () => {
    expect(exampleKey('targets', '2016-01||Jeffrey Thomas')).toBe('2016-01 · joint · Jeffrey Thomas')
    expect(exampleKey('targets', '2025-Q3|sales|')).toBe('2025-Q3 · sales')
    expect(exampleKey('spend', 'Spring launch|2025-04')).toBe('Spring launch · 2025-04')
    expect(exampleKey('opportunities', '006A')).toBe('006A')
  })

  it('formats amounts as money and leaves other values as they are', () => {
    expect(exampleValue('300000.00 USD')).toBe(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(300000))
    expect(exampleValue('300000.00 USD')).not.toBe('300000.00 USD')
    expect(exampleValue('2025-08-14')).toBe('2025-08-14')
    expect(exampleValue(12)).toBe('12')
    expect(exampleValue(null)).toBe('')
  })
})
