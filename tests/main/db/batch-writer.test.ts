import { afterEach, describe, expect, it } from 'vitest'
import { BatchWriter } from '../../../src/main/db/batch-writer'
import { dump, importFile, testWorkspace, writeCsv, type TestWorkspace } from '../../helpers/import'

let ws: TestWorkspace
afterEach(() => ws?.db.close())

describe('batch writer', () => {
  it('rolls the whole transaction back when an insert meets a key that exists (which the lookups and key tracking are there to prevent)', async () => {
    ws = await testWorkspace()
    await importFile(
      ws,
      writeCsv(ws.dir, 'a.csv', [
        ['Opportunity ID', 'Opportunity Name', 'Stage', 'Amount', 'Close Date'],
        ['K5', 'Kept', 'Won', '1', '2025-01-01'],
      ]),
    )
    const { source, batch } = ws.db.prepare('SELECT source_system AS source, batch_id AS batch FROM opportunities').get() as {
      source: string
      batch: number
    }
    const before = { opps: dump(ws.db, 'opportunities'), batches: dump(ws.db, 'import_batches') }

    ws.db.exec('BEGIN IMMEDIATE')
    ws.db.prepare("UPDATE import_batches SET file_name = 'changed in this transaction'").run()
    // Told (wrongly) that the source has no rows yet, the writer inserts without looking keys up.
    const writer = new BatchWriter(ws.db, 'opportunities', batch, source, ['name'], () => undefined, undefined, { freshSource: true })
    const write = (): void => {
      for (let i = 0; i < 20; i++) writer.writeFrom(i + 2, `K${i}`, 0, [`Deal ${i}`], 0, 'Opportunity ID')
      writer.flush()
    }
    expect(write).toThrow(/UNIQUE constraint failed/)
    expect(ws.db.inTransaction).toBe(false)
    expect({ opps: dump(ws.db, 'opportunities'), batches: dump(ws.db, 'import_batches') }).toEqual(before)
  })
})
