import fc from 'fast-check'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../../src/main/errors'
import { dump, importFile, testWorkspace, writeCsv, type TestWorkspace } from '../../helpers/import'

let ws: TestWorkspace
let before: unknown

// One workspace for the whole file (the per-test temporary folders are removed after each test).
const dir = mkdtempSync(join(tmpdir(), 'tandem-hostile-'))

beforeAll(async () => {
  ws = await testWorkspace(dir)
  await importFile(
    ws,
    writeCsv(ws.dir, 'seed.csv', [
      ['Opportunity ID', 'Stage', 'Amount'],
      ['1', 'Closed Won', '10'],
    ]),
  )
  before = snapshot()
})
afterAll(() => {
  ws.db.close()
  rmSync(dir, { recursive: true, force: true })
})

function snapshot(): unknown {
  return ['opportunities', 'leads', 'targets', 'campaign_spend', 'import_batches', 'import_problems', 'import_changes'].map((t) =>
    dump(ws.db, t),
  )
}

/** An import of anything either works (then it is undone) or is refused with one line; nothing else. */
async function tryImport(name: string, bytes: Uint8Array | string): Promise<void> {
  const path = join(ws.dir, name)
  writeFileSync(path, bytes)
  try {
    const out = await importFile(ws, path)
    // Whatever it imported is taken out again, so every case starts from the same workspace.
    if (out.batchId !== null) (await import('../../../src/main/db/repos/undo')).undoBatch(ws.db, out.batchId)
    ws.db.exec('DELETE FROM import_problems WHERE batch_id IN (SELECT id FROM import_batches WHERE undone_at IS NOT NULL)')
    ws.db.exec('DELETE FROM import_changes WHERE batch_id IN (SELECT id FROM import_batches WHERE undone_at IS NOT NULL)')
    ws.db.exec('DELETE FROM import_batches WHERE undone_at IS NOT NULL')
  } catch (e) {
    expect(e).toBeInstanceOf(AppError)
    const message = (e as AppError).message
    expect(message.length).toBeGreaterThan(0)
    expect(message).not.toContain('\n')
    expect(['IMPORT_REFUSED', 'IMPORT_INVALID']).toContain((e as AppError).code)
  }
  expect(ws.db.inTransaction).toBe(false)
  expect(snapshot()).toEqual(before)
}

describe('hostile and random input', () => {
  it('arbitrary bytes never crash the importer nor change the workspace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom('x.csv', 'x.xlsx', 'x.txt'), async (bytes, name) => {
        await tryImport(name, bytes)
      }),
      { numRuns: 25 },
    )
  }, 120_000)

  it('arbitrary CSV-like text never crashes the importer nor leaves a trace when refused', async () => {
    const field = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('"', '""', ',', ';', '\n', '\r\n', '=SUM(A1)', '__proto__', '2025-13-45', '$1,2,3'),
    )
    const text = fc
      .array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 })
      .map((rows) => rows.map((r) => r.join(',')).join('\n'))
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        await tryImport('random.csv', t)
      }),
      { numRuns: 25 },
    )
  }, 120_000)

  it.each([
    ['empty.csv', '', /empty/],
    ['zip.csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), /zip/],
    ['sheet.xlsx', 'id,name\n1,a\n', /not an XLSX workbook/],
    ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /\.xls/],
    ['noise.csv', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), /not a text file|binary/],
    ['quote.csv', `id,name\n1,"never closed\n${'x,'.repeat(1000)}\n`, /never closed/],
    ['wide.csv', `${Array.from({ length: 3000 }, (_, i) => `c${i}`).join(',')}\n${'1,'.repeat(2999)}1\n`, /columns/],
  ])('refuses %s with one line', async (name, bytes, reason) => {
    const path = join(ws.dir, name)
    writeFileSync(path, bytes)
    const e = await importFile(ws, path).then(
      () => null,
      (x: unknown) => x as AppError,
    )
    expect(e).toBeInstanceOf(AppError)
    expect(e?.message).toMatch(new RegExp(`^${name.replace('.', '\\.')}: `))
    expect(e?.message).toMatch(reason)
    expect(snapshot()).toEqual(before)
  })
})
