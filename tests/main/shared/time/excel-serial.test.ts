import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readExcelSerial } from '../../../../src/shared/time/excel-serial'
import { parseDate } from '../../../../src/shared/import/values'
import { excelSerialToIso } from '../../../../src/main/import/read/xlsx'

/** 2022-01-31 in the 1900 system. */
const JAN_31_2022 = 44592
const at = (seconds: number): number => JAN_31_2022 + seconds / 86_400

/** What a number cell in a date column reads as: the date and its time to the second. */
function viaValues(serial: number): string | null {
  const r = parseDate(serial, null)
  if (!r.ok || r.value === null) return null
  return r.value.time === null ? r.value.date : `${r.value.date}T${r.value.time.slice(0, 8)}`
}

describe('Excel serials: one reading for the XLSX reader and the value parser', () => {
  it('rounds to the second: formula noise below half a second is dropped, 23:59:59.7 rolls over', () => {
    expect(readExcelSerial(at(13 * 3600 + 44 * 60 + 59.6), false)).toEqual({ date: '2022-01-31', msOfDay: (13 * 3600 + 45 * 60) * 1000 })
    expect(readExcelSerial(at(86_399.7), false)).toEqual({ date: '2022-02-01', msOfDay: 0 })
    expect(readExcelSerial(at(12 * 3600 + 0.4), false)).toEqual({ date: '2022-01-31', msOfDay: 12 * 3600 * 1000 })
  })

  it("keeps the 1900 system's phantom 29 February as text no date reader accepts, and reads 1904 serials", () => {
    expect(readExcelSerial(60, false)?.date).toBe('1900-02-29')
    expect(readExcelSerial(59, false)?.date).toBe('1900-02-28')
    expect(readExcelSerial(61, false)?.date).toBe('1900-03-01')
    expect(readExcelSerial(1, false)?.date).toBe('1900-01-01')
    expect(readExcelSerial(0, true)?.date).toBe('1904-01-01')
    expect(readExcelSerial(-1, false)).toBeNull()
    expect(readExcelSerial(2_958_466, false)).toBeNull() // 10000-01-01
    expect(readExcelSerial(Number.NaN, false)).toBeNull()
  })

  it('gives the same date and time through the XLSX reader and through parseDate, for any serial', () => {
    fc.assert(
      fc.property(fc.double({ min: 61, max: 2_958_465, noNaN: true }), (serial) => {
        expect(excelSerialToIso(serial, false)).toBe(viaValues(serial) === null ? null : viaValues(serial)?.replace(/T00:00:00$/, ''))
      }),
      { numRuns: 2000 },
    )
  })
})
