import { closeSync, openSync, readdirSync, readSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { importFile, testWorkspace, writeCsv } from './import'

export const HEADER = ['Opportunity ID', 'Stage', 'Amount', 'Close Date']
export const rowsOf = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => [`o${from + i}`, 'Closed Won', 1000 + i, '2025-02-10'] as (string | number)[])

/**
 * A workspace with two imports (so a verified import backup exists), whose opportunities b-tree is then
 * damaged the way a flipped bit can: its root page claims fewer children than it has. SQLite reads such
 * a tree without an error, but half the rows are gone from every sum.
 */
export async function damagedWorkspace(): Promise<{ path: string; backups: string[] }> {
  const ws = await testWorkspace()
  await importFile(ws, writeCsv(ws.dir, 'a.csv', [HEADER, ...rowsOf(0, 3000)]))
  await importFile(ws, writeCsv(ws.dir, 'b.csv', [HEADER, ...rowsOf(3000, 3000)]))
  const root = (ws.db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'opportunities'").get() as { rootpage: number }).rootpage
  const pageSize = ws.db.pragma('page_size', { simple: true }) as number
  ws.db.close()
  const fd = openSync(ws.path, 'r+')
  try {
    const header = Buffer.alloc(8)
    readSync(fd, header, 0, 8, (root - 1) * pageSize)
    expect(header[0]).toBe(0x05) // an interior table page: the tree has several leaves
    const cells = header.readUInt16BE(3)
    expect(cells).toBeGreaterThan(2)
    header.writeUInt16BE(Math.floor(cells / 2), 3)
    writeSync(fd, header, 3, 2, (root - 1) * pageSize + 3)
  } finally {
    closeSync(fd)
  }
  return { path: ws.path, backups: readdirSync(join(ws.dir, 'ws.backups')) }
}
