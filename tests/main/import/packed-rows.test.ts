import fc from 'fast-check'
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads'
import { describe, expect, it } from 'vitest'
import { packRows, transferList, unpackRows, type PackedRows } from '../../../src/main/import/packed-rows'
import type { SourceRow } from '../../../src/shared/import/types'

const cell = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null))
const rows = fc.array(fc.record({ row: fc.integer({ min: 1, max: 5_000_000 }), cells: fc.array(cell, { maxLength: 20 }) }), { maxLength: 50 })

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
