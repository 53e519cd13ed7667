import { createHash } from 'node:crypto'
import { readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runImport } from '../../../src/main/import/engine'
import { inspectSample, startSampling } from '../../../src/main/import/inspect'
import { getSettings } from '../../../src/main/services/settings'
import type { ImportRequest } from '../../../src/shared/import/outcome'
import { importFile, testWorkspace, writeCsv, type TestWorkspace } from '../../helpers/import'

const HEADER = ['Opportunity ID', 'Stage', 'Amount', 'Close Date']
const rows = (n: number, amount = 100) => Array.from({ length: n }, (_, i) => [`o${i}`, 'Closed Won', amount + i, '2025-02-10'])

/**
 * Starts an import's read as the CLI does (the sample first, the rest held back), lets `change` alter the
 * file while the read is paused after its sample, then commits.
 */
async function importWhileChanging(ws: TestWorkspace, path: string, change: () => void) {
  const settings = getSettings(ws.db).settings
  const sampled = await startSampling(path)
  const inspection = inspectSample(ws.db, path, sampled.sniffed, await sampled.session.sample, settings, {})
  const request: ImportRequest = { ...inspection.settings, path }
  change()
  return runImport({ db: ws.db, path: ws.path }, request, { mode: 'commit', settings }, sampled)
}

const count = (ws: TestWorkspace, table: string): number => (ws.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n

describe('a source file that changes while it is imported', () => {
  it('truncated mid-read: refused, nothing written (no rows, no batch)', async () => {
    const ws = await testWorkspace()
    const path = writeCsv(ws.dir, 'o.csv', [HEADER, ...rows(60_000)])
    const size = readFileSync(path).length
    await expect(importWhileChanging(ws, path, () => truncateSync(path, Math.floor(size / 2)))).rejects.toMatchObject({
      code: 'IMPORT_REFUSED',
      message: expect.stringMatching(
        /^o\.csv changed while it was being read \(its size went from [\d,]+ to [\d,]+ bytes\); nothing was imported\. Import it again once it is complete\.$/,
      ),
    })
    expect(count(ws, 'opportunities')).toBe(0)
    expect(count(ws, 'import_batches')).toBe(0)
  })

  it('overwritten in place with other content of the same size: refused', async () => {
    const ws = await testWorkspace()
    const path = writeCsv(ws.dir, 'o.csv', [HEADER, ...rows(20_000, 100)])
    const other = readFileSync(path, 'utf8')
      .replace(/Closed Won/g, 'Closed Lost')
      .replace(/Closed Lost/g, 'Closed Wo2')
    await expect(importWhileChanging(ws, path, () => writeFileSync(path, other))).rejects.toMatchObject({
      message: expect.stringMatching(/^o\.csv changed while it was being read \(it was written to\)/),
    })
    expect(count(ws, 'opportunities')).toBe(0)
  })

  it('replaced by another file (saved by renaming a new file over it): refused', async () => {
    const ws = await testWorkspace()
    const path = writeCsv(ws.dir, 'o.csv', [HEADER, ...rows(20_000)])
    const next = writeCsv(ws.dir, 'next.csv', [HEADER, ...rows(20_000, 500)])
    await expect(importWhileChanging(ws, path, () => renameSync(next, path))).rejects.toMatchObject({
      message: expect.stringMatching(/^o\.csv changed while it was being read \(it was replaced by another file\)/),
    })
    expect(count(ws, 'opportunities')).toBe(0)
  })

  it('unchanged: the batch records the hash of exactly the bytes read', async () => {
    const ws = await testWorkspace()
    const path = writeCsv(ws.dir, 'o.csv', [HEADER, ...rows(5000)])
    const outcome = await importFile(ws, path)
    const sha = createHash('sha256').update(readFileSync(path)).digest('hex')
    expect(outcome.fileHash).toBe(sha)
    expect(ws.db.prepare('SELECT file_hash FROM import_batches WHERE id = ?').pluck().get(outcome.batchId)).toBe(sha)
    expect(count(ws, 'opportunities')).toBe(5000)
    expect(join(ws.dir, 'o.csv')).toBe(path)
  })
})
