import fc from 'fast-check'
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import {
  packRows,
  REMEMBER,
  SharedStringSender,
  SheetRowsBuilder,
  sheetRowsToRows,
  StringDictionary,
  transferList,
  unpackRows,
  VALUE,
  type PackedRows,
} from '../../../../src/main/import/read/packed-rows'
import { SharedStringTable } from '../../../../src/main/import/read/shared-strings'
import type { CellValue, SourceRow } from '../../../../src/shared/import/types'

const cell = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null))
const rows = fc.array(fc.record({ row: fc.integer({ min: 1, max: 5_000_000 }), cells: fc.array(cell, { maxLength: 20 }) }), {
  maxLength: 50,
})

describe('rows packed to cross from the parse worker', () => {
  it('arrive exactly as they were sent, across a real message port, with their typed arrays moved', () => {
    fc.assert(
      fc.property(rows, (sent: SourceRow[]) => {
        const { port1, port2 } = new MessageChannel()
        try {
          const packed = packRows(sent)
          port1.postMessage(packed, transferList(packed))
          expect(packed.numbers.length).toBe(0) // moved: the sender's view is detached
          const received = receiveMessageOnPort(port2)?.message as PackedRows
          expect(unpackRows(received)).toEqual(sent)
        } finally {
          port1.close()
          port2.close()
        }
      }),
    )
  })

  it('keep rows without cells, and the order of rows and cells', () => {
    const sent: SourceRow[] = [
      { row: 3, cells: ['a', 1, null] },
      { row: 4, cells: [] },
      { row: 9, cells: [true, '', -0.5] },
    ]
    expect(unpackRows(packRows(sent))).toEqual(sent)
  })
})

describe('sheet rows with shared strings', () => {
  /** A cell as the XLSX reader meets it: a value, or a shared string by its index. */
  const sheetCell = (tableSize: number) =>
    fc.oneof(
      cell.map((value) => ({ value, index: -1 })),
      fc.nat({ max: tableSize - 1 }).map((index) => ({ value: null, index })),
    )

  it('arrive as the reader read them, in batches cut anywhere, each repeated string sent as text twice at most (property)', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.string(), { minLength: 1, maxLength: 12 })
          .chain((table) =>
            fc.tuple(
              fc.constant(table),
              fc.array(fc.array(fc.tuple(fc.nat({ max: 9 }), sheetCell(table.length)), { maxLength: 8 }), { maxLength: 40 }),
              fc.array(fc.nat({ max: 400 }), { maxLength: 6 }),
            ),
          ),
        ([table, sheet, cuts]) => {
          // What the reader would give as rows: cells placed by column, later ones overwriting.
          const expected: SourceRow[] = []
          const builder = new SheetRowsBuilder()
          const strings = SharedStringTable.of(table)
          const sender = new SharedStringSender(strings)
          const dictionary = new StringDictionary()
          const { port1, port2 } = new MessageChannel()
          const received: SourceRow[] = []
          const direct: SourceRow[] = []
          let remembered = 0
          const flush = (): void => {
            const batch = builder.take()
            direct.push(...sheetRowsToRows(batch, strings))
            const packed = sender.encode(batch)
            const refs = packed.refs as Int32Array
            remembered += refs.filter((r) => r === REMEMBER).length
            // Only values cross in the cells: not the remembered strings, not the empty cells.
            expect(packed.cells).toHaveLength(refs.filter((r) => r === VALUE || r === REMEMBER).length)
            expect(packed.cells).not.toContain(null)
            port1.postMessage(packed, transferList(packed))
            received.push(...dictionary.unpack(receiveMessageOnPort(port2)?.message as PackedRows))
          }
          let step = 0
          try {
            sheet.forEach((cells, r) => {
              const row: CellValue[] = []
              builder.beginRow()
              for (const [col, c] of cells) {
                // A batch may be taken in the middle of a row (a chunk of XML ends inside it).
                if (cuts.includes(step++)) flush()
                builder.put(col, c.value, c.index)
                while (row.length < col) row.push(null)
                row[col] = c.index >= 0 ? (table[c.index] as string) : c.value
              }
              builder.endRow(r + 1)
              expected.push({ row: r + 1, cells: row })
            })
            flush()
          } finally {
            port1.close()
            port2.close()
          }
          expect(direct).toEqual(expected)
          expect(received).toEqual(expected)
          // A string is sent to be remembered once at most (at its second use).
          expect(remembered).toBeLessThanOrEqual(table.length)
        },
      ),
      { numRuns: 300 },
    )
  })
})
