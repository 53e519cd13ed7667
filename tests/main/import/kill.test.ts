import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openWorkspaceDb } from '../../../src/main/db/connection'
import { dump, importFile, testWorkspace, writeCsv } from '../../helpers/import'

const ROOT = join(__dirname, '../../..')
const HEADER = ['Opportunity ID', 'Opportunity Name', 'Stage', 'Amount', 'Close Date']

describe('an import killed mid-way', () => {
  // Early: the transaction has just begun. Late: it has spilled pages into the workspace file itself (a
  // bulk load runs with a rollback journal, see engine.ts), so only the journal can put it back.
  it.each([
    ['early', 0],
    ['late', 300_000],
  ])(
    'leaves the workspace as it was, with its integrity intact (%s)',
    async (_when, killAfterRows) => {
      const ws = await testWorkspace()
      await importFile(ws, writeCsv(ws.dir, 'first.csv', [HEADER, ['1', 'Kept', 'Closed Won', '10', '2025-01-01']]))
      const before = {
        opportunities: dump(ws.db, 'opportunities'),
        batches: dump(ws.db, 'import_batches'),
        problems: dump(ws.db, 'import_changes'),
      }
      ws.db.close()

      const rows = Array.from({ length: 600_000 }, (_, i) => [
        `K${i}`,
        `Deal ${i} for a customer`,
        i % 2 ? 'Closed Won' : 'Negotiation',
        String(i),
        '2025-02-01',
      ])
      const big = writeCsv(ws.dir, 'big.csv', [HEADER, ...rows])
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main/cli-entry.ts'), 'import', big, '--db', ws.path], {
        cwd: ROOT,
        env: { ...process.env, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') },
      })
      // Kill it once it reports enough rows read: the import's transaction is open and has written rows.
      const killed = await new Promise<boolean>((resolve) => {
        child.stderr.on('data', (d: Buffer) => {
          const read = /([\d,]+) rows read/.exec(d.toString())
          if (read && Number(read[1]?.replace(/,/g, '')) >= killAfterRows && child.exitCode === null) child.kill('SIGKILL')
        })
        child.on('exit', (_code, signal) => resolve(signal === 'SIGKILL'))
      })
      expect(killed).toBe(true)
      if (killAfterRows > 0) expect(existsSync(`${ws.path}-journal`)).toBe(true)

      const db = await openWorkspaceDb(ws.path)
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
      expect({
        opportunities: dump(db, 'opportunities'),
        batches: dump(db, 'import_batches'),
        problems: dump(db, 'import_changes'),
      }).toEqual(before)
      db.close()
    },
    60_000,
  )
})
