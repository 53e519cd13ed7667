import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { csvDocument, csvLines } from '../../src/main/csv'

describe('csv: the one formula-safe CSV writer', () => {
  it.each([
    ['=SUM(A1:A9)', `"'=SUM(A1:A9)"`],
    ['+49 30 1234', `"'+49 30 1234"`],
    ['-1+2', `"'-1+2"`],
    ['@cmd', `"'@cmd"`],
    ['\tindent', `"'\tindent"`],
    ['\rstart', `"'\rstart"`],
    // A formula followed by a line break is still a formula to Excel (papaparse's own pattern misses it).
    ['=HYPERLINK("http://x")\nclick', `"'=HYPERLINK(""http://x"")\nclick"`],
  ])('neutralises %j, a cell a spreadsheet would run', (cell, written) => {
    expect(csvLines([[cell]])).toBe(`${written}\r\n`)
  })

  it('leaves numbers and harmless text alone, and quotes what CSV needs quoted', () => {
    expect(csvLines([[-5, 12.5, 'a=b', 'Café Zürich', null, '']])).toBe('-5,12.5,a=b,Café Zürich,,\r\n')
    expect(csvLines([['a,b', 'say "hi"', 'two\nlines']])).toBe('"a,b","say ""hi""","two\nlines"\r\n')
    expect(csvLines([])).toBe('')
  })

  it('writes what a CSV reader reads back, apart from the apostrophe before a formula', () => {
    const rows = [
      ['id', 'text'],
      ['1', 'plain'],
      ['2', '=1+2'],
      ['3', 'comma, "quote"\r\nand a line break'],
    ]
    const text = csvDocument(rows[0] as string[], rows.slice(1))
    expect(text.endsWith('\r\n')).toBe(false)
    expect(Papa.parse<string[]>(text).data).toEqual([rows[0], rows[1], ['2', "'=1+2"], rows[3]])
  })
})
