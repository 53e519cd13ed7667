import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createRowMapper, type MapContext } from '../../../src/shared/import/map-row'
import type { CellValue, SourceRow } from '../../../src/shared/import/types'
import { mappingByColumn } from '../../helpers/mapping'

const HEADERS = ['Id', 'Stage', 'Amount', 'Currency', 'Close Date', 'Probability', 'Owner']
const CTX: MapContext = {
  kind: 'opportunities',
  headers: HEADERS,
  mapping: mappingByColumn({
    external_id: 'Id',
    stage: 'Stage',
    amount: 'Amount',
    currency: 'Currency',
    close_date: 'Close Date',
    probability: 'Probability',
    owner: 'Owner',
  }),
  wide: null,
  dateOrder: 'mdy',
  decimal: '.',
  probabilityScale: 'percent',
  timeZone: 'America/New_York',
  homeCurrency: 'EUR',
  fiscalYearStartMonth: 1,
}

describe('createRowMapper', () => {
  it('maps a row the same whether the columns it has seen before are remembered or not (property)', () => {
    // Few distinct values per column, so the memos fill and answer; some invalid ones among them.
    const cell = (...values: CellValue[]): fc.Arbitrary<CellValue> => fc.constantFrom(...values)
    const row = fc.tuple(
      fc.oneof(fc.stringMatching(/^[0-9A-Z]{1,6}$/), cell('', ' 7 ', null, 12)),
      cell('Closed Won', ' Closed Lost ', '', null, '=SUM(A1)', true),
      cell('1234.50', '-0.005', '$1,200.00', '1.234,50 €', '(12)', 'ten', '', 17499.9499999999, '12 USD', ' 12 '),
      cell('USD', 'jpy', 'KWD', '', null, 'dollars', 'CHF '),
      cell('12/31/2024', '2024-02-29', '2023-02-29', '31/12/2024', '', 45000, '2024-01-31T13:45:00', 'tomorrow'),
      cell('60%', '0.5', '60', '150', '', null, 0.25, 'half'),
      cell('Ana', ' Bo ', '', null, 42),
    )
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 300 }), (rows) => {
        const longLived = createRowMapper(CTX)
        rows.forEach((cells, i) => {
          const source: SourceRow = { row: i + 2, cells }
          expect(longLived(source)).toEqual(createRowMapper(CTX)(source))
        })
      }),
      { numRuns: 60 },
    )
  })

  it('keeps mapping right after a column has more distinct values than it remembers', () => {
    const map = createRowMapper(CTX)
    for (let i = 0; i < 20_000; i++) {
      const day = (i % 28) + 1
      const cells = [`ID${i}`, `Stage ${i}`, `${i}.5`, i % 2 ? 'USD' : 'JPY', `1/${day}/2025`, `${i % 101}`, `Owner ${i % 7}`]
      const out = map({ row: i + 2, cells })
      expect(out.problems).toEqual([])
      expect(out.records[0]?.values).toMatchObject({
        stage: `Stage ${i}`,
        amount: i % 2 ? { minor: i * 100 + 50, currency: 'USD' } : { minor: i + 1, currency: 'JPY' },
        close_date: `2025-01-${String(day).padStart(2, '0')}`,
        probability: (i % 101) / 100,
        owner: `Owner ${i % 7}`,
      })
    }
  })
})
