import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openWorkspaceDb } from '../../../src/main/db/connection'
import { dump, importFile, testWorkspace, writeCsv } from '../../helpers/import'

const ROOT = join(__dirname, '../../..')
const HEADER = ['Opportunity ID', 'Opportunity Name', 'Stage', 'Amount', 'Close Date']

describe('an import killed mid-way', () => {
  it('leaves the workspace as it was, with its integrity intact', async () => {
    const ws = await testWorkspace()
    await importFile(ws, writeCsv(ws.dir, 'first.csv', [HEADER, ['1', 'Kept', 'Closed Won', '10', '2025-01-01']]))
    const before = { opportunities: dump(ws.db, 'opportunities'), batches: dump(ws.db, 'import_batches'), problems: dump(ws.db, 'import_changes') }
    ws.db.close()

    const rows = Array.from({ length: 400_000 }, (_, i) => [`K${i}`, `Deal ${i}`, i % 2 ? 'Closed Won' : 'Negotiation', String(i), '2025-02-01'])
    const big = writeCsv(ws.dir, 'big.csv', [HEADER, ...rows])
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli-entry.ts'), 'import', big, '--db', ws.path], {
      cwd: ROOT,
      env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') },
    })
    // Kill it once it reports rows read: the import's transaction is open and has written rows.
    const killed = await new Promise<boolean>((resolve) => {
      child.stderr.on('data', (d: Buffer) => {
        if (/rows read/.test(d.toString()) && child.exitCode === null) child.kill('SIGKILL')
      })
      child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL'))
    })
    expect(killed).toBe(true)

    const db = await openWorkspaceDb(ws.path)
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect({ opportunities: dump(db, 'opportunities'), batches: dump(db, 'import_batches'), problems: dump(db, 'import_changes') }).toEqual(before)
    db.close()
  }, 60_000)
})
