import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { EarlyRead } from '../../src/main/cli'
import { cli, cliBundle } from '../helpers/cli'
import { openWorkspaceDb } from '../../src/main/db/connection'
import { tmpDir } from '../helpers/tmp'
import { writeCsv } from '../helpers/import'

async function count(db: string, table: string): Promise<number> {
  const d = await openWorkspaceDb(db)
  const n = (d.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n
  d.close()
  return n
}

const HEADER = ['Opportunity ID', 'Stage', 'Amount', 'Close Date']

const { earlyRead } = cliBundle()

/** Runs the CLI as cli-main.ts does: the import's read started before the CLI ran. */
async function cliEarly(...argv: string[]) {
  const { runCli } = await cliBundle().loadCli()
  const early = earlyRead(argv) as EarlyRead
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, early)
  return { code, stdout: out.join('\n'), stderr: err.join('\n'), early }
}

describe('cli: a read started before the CLI loads', () => {
  it('is taken over by the import of the same file', async () => {
    const dir = tmpDir()
    const file = writeCsv(dir, 'o.csv', [HEADER, ['1', 'Closed Won', '100', '2025-01-05'], ['2', 'Closed Lost', '5', '2025-01-06']])
    const r = await cliEarly('import', file, '--db', join(dir, 'ws.sqlite'), '--json')
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ new: 2, rowsRead: 2 })
    // The import resumed that very read: it ended with all rows, not cancelled after its sample.
    const { session } = await r.early.sampled
    expect(await session.resume({})).toMatchObject({ rows: 3 })
  })

  it('is dropped when the arguments name another sheet, and a refused file is reported by the import', async () => {
    const dir = tmpDir()
    const file = writeCsv(dir, 'o.csv', [HEADER, ['1', 'Closed Won', '100', '2025-01-05']])
    const early = earlyRead(['import', file, '--sheet', 'Other']) as EarlyRead
    expect(early).toMatchObject({ sheet: 'Other' })
    const { runCli } = await cliBundle().loadCli()
    const r = await runCli(
      ['import', file, '--db', join(dir, 'ws.sqlite'), '--json'],
      { out: () => undefined, err: () => undefined },
      early,
    )
    expect(r).toBe(0)
    await expect((await early.sampled).session.resume({})).rejects.toMatchObject({ name: 'AbortError' })

    const missing = await cliEarly('import', join(dir, 'gone.csv'), '--db', join(dir, 'ws.sqlite'))
    expect(missing).toMatchObject({ code: 1, stderr: 'tandem: gone.csv: the file is not there any more.' })
    expect(earlyRead(['report', 'targets'])).toBeUndefined()
    expect(earlyRead(['import', '--db', 'x'])).toBeUndefined()
  })
})

describe('cli: import and undo-import', () => {
  it('prints exactly one JSON document with the counts and errors of PRODUCT.md', async () => {
    const dir = tmpDir()
    const db = join(dir, 'ws.sqlite')
    const file = writeCsv(dir, 'o.csv', [HEADER, ['1', 'Closed Won', '100', '2025-01-05'], ['', 'Grand Total', '100', '']])
    const r = await cli('import', file, '--db', db, '--json')
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json).toMatchObject({ batchId: 1, kind: 'opportunities', new: 1, changed: 0, unchanged: 0, invalid: 1 })
    expect(json.errors).toEqual([{ row: 3, column: 'Opportunity ID', value: '', reason: 'no Opportunity ID (a totals or notes row?)' }])
  })

  it('--dry-run reports without writing', async () => {
    const dir = tmpDir()
    const db = join(dir, 'ws.sqlite')
    const file = writeCsv(dir, 'o.csv', [HEADER, ['1', 'Closed Won', '100', '2025-01-05']])
    const r = await cli('import', file, '--db', db, '--dry-run', '--json')
    expect(JSON.parse(r.stdout)).toMatchObject({ batchId: null, new: 1, dryRun: true })
    expect(await count(db, 'opportunities')).toBe(0)
  })

  it('needs --date-order when dates could be read both ways, and uses it', async () => {
    const dir = tmpDir()
    const db = join(dir, 'ws.sqlite')
    const file = writeCsv(dir, 'o.csv', [HEADER, ['1', 'Closed Won', '100', '03/04/2025'], ['2', 'Closed Won', '100', '05/06/2025']])
    const refused = await cli('import', file, '--db', db)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/^tandem: o\.csv: dates such as .* could be month\/day or day\/month; pass --date-order mdy or dmy\.$/)
    const r = await cli('import', file, '--db', db, '--date-order', 'dmy', '--json')
    expect(JSON.parse(r.stdout)).toMatchObject({ new: 2 })
    const d = await openWorkspaceDb(db)
    expect(d.prepare("SELECT close_date FROM opportunities WHERE external_id = '1'").get()).toEqual({ close_date: '2025-04-03' })
    d.close()
  })

  it('--map, --kind, --source and --header-row override what is detected', async () => {
    const dir = tmpDir()
    const db = join(dir, 'ws.sqlite')
    const file = writeCsv(dir, 'deals.csv', [
      ['Exported by hand'],
      ['Deal', 'Phase', 'Value', 'Due'],
      ['D1', 'Closed Won', '5', '2025-01-01'],
    ])
    const r = await cli(
      'import',
      file,
      '--db',
      db,
      '--kind',
      'opportunities',
      '--header-row',
      '2',
      '--source',
      'crm-b',
      '--map',
      'external_id=Deal',
      '--map',
      'stage=phase',
      '--map',
      'amount=Value',
      '--map',
      'close_date=Due',
      '--json',
    )
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'opportunities', new: 1, sourceSystem: 'crm-b' })
  })

  it('undoes an import, and refuses bad input with one line', async () => {
    const dir = tmpDir()
    const db = join(dir, 'ws.sqlite')
    const file = writeCsv(dir, 'o.csv', [HEADER, ['1', 'Closed Won', '100', '2025-01-05']])
    await cli('import', file, '--db', db)
    const undo = await cli('undo-import', '1', '--db', db, '--json')
    expect(JSON.parse(undo.stdout)).toEqual({ batchId: 1, removed: 1, restored: 0 })
    expect(await count(db, 'opportunities')).toBe(0)

    expect((await cli('undo-import', '1', '--db', db)).stderr).toBe('tandem: Import #1 (o.csv) was already undone.')
    expect((await cli('import', file, '--db', db, '--kind', 'deals')).code).toBe(2)
    expect((await cli('import', file, '--db', db, '--map', 'nonsense=Stage')).stderr).toMatch(/have no field "nonsense"/)
    expect((await cli('import', file, '--db', db, '--map', 'stage=Nope')).stderr).toMatch(/there is no column "Nope"/)
    const missing = await cli('import', join(dir, 'nope.csv'), '--db', db)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe('tandem: nope.csv: the file is not there any more.')
  })
})

describe('cli: import progress (issue #14, 10)', () => {
  it('ends with a progress line that gives the final row count', async () => {
    const dir = tmpDir()
    const rows = Array.from({ length: 5197 }, (_, i) => [String(i + 1), 'Closed Won', '100', '2025-01-05'])
    const file = writeCsv(dir, 'o.csv', [HEADER, ...rows])
    const r = await cli('import', file, '--db', join(dir, 'ws.sqlite'), '--json')
    expect(r.code).toBe(0)
    const progress = r.stderr.split('\n').filter((l) => l.includes('rows read'))
    expect(progress.length).toBeGreaterThan(0)
    expect(progress[progress.length - 1]).toMatch(/^tandem: 5,197 rows read/)
  })
})
