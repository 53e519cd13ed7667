import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { afterAll, describe, expect, it } from 'vitest'
import { openWorkspaceDb } from '../../src/main/db/connection'
import { getSettings } from '../../src/main/services/settings'
import type { ImportJob, JobMessage } from '../../src/main/import/worker/import-job'
import { ReadWorker } from '../../src/main/services/reads'
import { TargetsService } from '../../src/main/services/targets'
import type { WorkspaceManager } from '../../src/main/services/workspace'
import { writeCsv } from '../helpers/import'
import { mappingByColumn } from '../helpers/mapping'

const OUT = join(__dirname, '../../out/main')
const dir = mkdtempSync(join(tmpdir(), 'tandem-built-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the built app bundle', () => {
  it('runs an import in its bundled import-job and parse-worker threads (as the packaged app does)', async () => {
    const path = join(dir, 'ws.sqlite')
    const db = await openWorkspaceDb(path, { create: true })
    const settings = getSettings(db).settings
    db.close()
    const file = writeCsv(dir, 'o.csv', [
      ['Opportunity ID', 'Stage', 'Amount', 'Close Date'],
      ['1', 'Closed Won', '10', '2025-01-01'],
      ['2', 'Lost', '5', '2025-01-02'],
    ])
    const job: ImportJob = {
      workspacePath: path,
      mode: 'commit',
      settings,
      problemsFile: null,
      request: {
        path: file,
        kind: 'opportunities',
        sourceSystem: 'sheet',
        sheet: null,
        headerRow: 1,
        dateOrder: 'ymd',
        decimal: '.',
        probabilityScale: 'fraction',
        wide: null,
        mapping: mappingByColumn({ external_id: 'Opportunity ID', stage: 'Stage', amount: 'Amount', close_date: 'Close Date' }),
      },
    }
    const worker = new Worker(join(OUT, 'import-job.js'), { workerData: job })
    const result = await new Promise<JobMessage>((resolve, reject) => {
      worker.on('message', (m: JobMessage) => m.type !== 'progress' && resolve(m))
      worker.on('error', reject)
    })
    await worker.terminate()
    expect(result).toMatchObject({ type: 'done', outcome: { new: 2, invalid: 0, batchId: 1 } })
  })

  it('runs a report in its bundled read-worker thread, with the result the service computes in-process', async () => {
    const path = join(dir, 'reads.sqlite')
    const db = await openWorkspaceDb(path, { create: true })
    const inProcess = new TargetsService({ db } as unknown as WorkspaceManager, { dataChanged: () => undefined })
    inProcess.save([{ period: '2025-Q3', team: '', segment: '', amount: '1000' }])
    const reads = new ReadWorker(
      () => path,
      () => new Worker(join(OUT, 'read-worker.js')),
    )
    try {
      const query = { period: '2025-Q3', asOf: '2025-08-15' }
      const report = await reads.call('targets:report', [query])
      expect(report).toEqual(structuredClone(inProcess.report(query)))
      expect(JSON.stringify(report)).toContain('2025-Q3')
    } finally {
      reads.dispose()
      db.close()
    }
  })
})
