import Database from 'better-sqlite3'
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../src/main/errors'
import { listBackups } from '../../../src/main/db/backup'
import { listBatches } from '../../../src/main/db/repos/imports'
import { estimatedRows } from '../../../src/main/import/engine'
import { undoBatch } from '../../../src/main/db/repos/undo'
import { dump, importFile, testWorkspace, writeCsv, type TestWorkspace } from '../../helpers/import'
import { mappingByColumn } from '../../helpers/mapping'
import { writeXlsx } from '../../helpers/xlsx-writer'

const HEADER = ['Opportunity ID', 'Opportunity Name', 'Stage', 'Amount', 'Close Date', 'Lead Source']
const opps = (rows: (string | number | null)[][]): (string | number | null)[][] => [HEADER, ...rows]

let ws: TestWorkspace
afterEach(() => ws?.db.close())

async function caught(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  )
  expect(e).toBeInstanceOf(AppError)
  return e as AppError
}

describe('import engine', () => {
  it('imports new rows, and importing the same file again changes nothing', async () => {
    ws = await testWorkspace()
    const file = writeCsv(
      ws.dir,
      'opps.csv',
      opps([
        ['006A', 'Acme renewal', 'Closed Won', '$1,234.50', '2025-08-14', 'Webinar'],
        ['006B', 'Globex', 'Negotiation', '(1,200.00)', '2025-09-01', 'Outbound'],
        ['00123', 'Leading zeros', 'Closed Lost', '0', '2025-07-01', ''],
      ]),
    )
    const first = await importFile(ws, file)
    expect(first).toMatchObject({ mode: 'commit', kind: 'opportunities', rowsRead: 3, new: 3, changed: 0, unchanged: 0, invalid: 0 })
    expect(first.batchId).toBe(1)
    const rows = ws.db
      .prepare('SELECT external_id, stage, amount_minor, currency, close_date, lead_source FROM opportunities ORDER BY id')
      .all()
    expect(rows).toEqual([
      { external_id: '006A', stage: 'Closed Won', amount_minor: 123450, currency: 'USD', close_date: '2025-08-14', lead_source: 'Webinar' },
      {
        external_id: '006B',
        stage: 'Negotiation',
        amount_minor: -120000,
        currency: 'USD',
        close_date: '2025-09-01',
        lead_source: 'Outbound',
      },
      { external_id: '00123', stage: 'Closed Lost', amount_minor: 0, currency: 'USD', close_date: '2025-07-01', lead_source: null },
    ])
    const before = dump(ws.db, 'opportunities')
    const again = await importFile(ws, file)
    expect(again).toMatchObject({ new: 0, changed: 0, unchanged: 3 })
    expect(dump(ws.db, 'opportunities')).toEqual(before)
  })

  it('counts the rows without a field the metrics need, in the preview as in the commit (issue #14, 6)', async () => {
    ws = await testWorkspace()
    const file = writeCsv(
      ws.dir,
      'opps.csv',
      opps([
        ['1', 'A', 'Closed Won', '10', '2025-01-01', 'Web'],
        ['2', 'B', 'Negotiation', '', '', 'Web'],
        ['3', 'C', 'Negotiation', '30', '', 'Web'],
      ]),
    )
    const preview = await importFile(ws, file, { mode: 'preview' })
    const expected = [
      { field: 'close_date', what: 'close date', rows: 2, mapped: true, likelyColumn: null },
      { field: 'amount', what: 'amount', rows: 1, mapped: true, likelyColumn: null },
    ]
    expect(preview.missingFields).toEqual(expected)
    expect((await importFile(ws, file)).missingFields).toEqual(expected)
    // Leads without a hand-off column at all: every row lacks it, and the created date is the likely column.
    const leads = writeCsv(ws.dir, 'leads.csv', [
      ['Lead ID', 'Email', 'Created Date'],
      ['L1', 'a@example.com', '2025-01-02'],
      ['L2', 'b@example.com', '2025-01-03'],
    ])
    const out = await importFile(ws, leads, { overrides: { kind: 'leads' } })
    expect(out.missingFields).toEqual([
      { field: 'handed_off_at', what: 'hand-off date', rows: 2, mapped: false, likelyColumn: 'Created Date' },
    ])
  })

  it('previews exactly what a commit does, without writing anything', async () => {
    ws = await testWorkspace()
    const file = writeCsv(
      ws.dir,
      'opps.csv',
      opps([
        ['1', 'A', 'Closed Won', '10', '2025-01-01', 'Web'],
        ['', 'Grand Total', '', '10', '', ''],
      ]),
    )
    const preview = await importFile(ws, file, { mode: 'preview' })
    expect(preview).toMatchObject({ mode: 'preview', batchId: null, new: 1, invalid: 1 })
    expect(dump(ws.db, 'opportunities')).toEqual([])
    expect(listBatches(ws.db)).toEqual([])
    const commit = await importFile(ws, file)
    expect({ ...commit, mode: 'preview', batchId: null, durationMs: 0, backup: null }).toEqual({ ...preview, durationMs: 0 })
  })

  it('lists rows without an id (totals, notes) as invalid with row, column, value and reason', async () => {
    ws = await testWorkspace()
    const file = writeCsv(
      ws.dir,
      'opps.csv',
      opps([
        ['1', 'A', 'Closed Won', '10', '2025-01-01', 'Web'],
        ['', 'Grand Total', '', '10', '', ''],
        ['2', 'B', 'Closed Won', 'ten dollars', '2025-01-02', 'Web'],
        ['3', 'C', 'Closed Won', '5', '2025-02-30', 'Web'],
      ]),
    )
    const out = await importFile(ws, file)
    expect(out).toMatchObject({ new: 1, invalid: 3 })
    expect(out.problems.map((p) => [p.row, p.column, p.value])).toEqual([
      [3, 'Opportunity ID', ''],
      [3, 'Stage', ''],
      [4, 'Amount', 'ten dollars'],
      [5, 'Close Date', '2025-02-30'],
    ])
    expect(out.problems[0]?.reason).toMatch(/no Opportunity ID/)
    const stored = ws.db.prepare('SELECT row, "column", value, reason FROM import_problems ORDER BY seq').all()
    expect(stored).toHaveLength(4)
  })

  it('lets the later of two rows with the same id win and reports the earlier one', async () => {
    ws = await testWorkspace()
    const file = writeCsv(
      ws.dir,
      'opps.csv',
      opps([
        ['1', 'First', 'Negotiation', '10', '2025-01-01', 'Web'],
        ['2', 'Other', 'Closed Won', '20', '2025-01-01', 'Web'],
        ['1', 'Second', 'Closed Won', '30', '2025-01-01', 'Web'],
      ]),
    )
    const out = await importFile(ws, file)
    expect(out).toMatchObject({ new: 2, duplicates: 1, invalid: 0 })
    expect(out.problems).toEqual([
      { kind: 'duplicate', row: 2, column: 'Opportunity ID', value: '1', reason: 'same Opportunity ID as row 4, which replaces it' },
    ])
    expect(ws.db.prepare("SELECT name, amount_minor FROM opportunities WHERE external_id = '1'").get()).toEqual({
      name: 'Second',
      amount_minor: 3000,
    })
  })

  it('reports every earlier row of a key that comes three times, whether the source is new or not', async () => {
    ws = await testWorkspace()
    const rows = [
      ['7', 'First', 'Negotiation', '10', '2025-01-01', 'Web'],
      ['8', 'Other', 'Closed Won', '20', '2025-01-01', 'Web'],
      ['7', 'Second', 'Negotiation', '30', '2025-01-01', 'Web'],
      ['7', 'Third', 'Closed Won', '40', '2025-01-01', 'Web'],
    ]
    const expected = [
      { kind: 'duplicate', row: 2, column: 'Opportunity ID', value: '7', reason: 'same Opportunity ID as row 4, which replaces it' },
      { kind: 'duplicate', row: 4, column: 'Opportunity ID', value: '7', reason: 'same Opportunity ID as row 5, which replaces it' },
    ]
    // A source with no rows yet: the parse worker tracks the keys.
    const fresh = await importFile(ws, writeCsv(ws.dir, 'fresh.csv', opps(rows)))
    expect(fresh).toMatchObject({ new: 2, duplicates: 2, problems: expected })
    // The same source again, now holding rows: the writer looks keys up and tracks them itself.
    const again = await importFile(
      ws,
      writeCsv(ws.dir, 'again.csv', opps([['9', 'New', 'Prospecting', '1', '2025-01-01', 'Web'], ...rows])),
    )
    expect(again).toMatchObject({ new: 1, unchanged: 2, duplicates: 2 })
    expect(again.problems.map((p) => [p.row, p.reason])).toEqual([
      [3, 'same Opportunity ID as row 5, which replaces it'],
      [5, 'same Opportunity ID as row 6, which replaces it'],
    ])
    expect(ws.db.prepare("SELECT name, amount_minor FROM opportunities WHERE external_id = '7'").all()).toEqual([
      { name: 'Third', amount_minor: 4000 },
    ])
    undoBatch(ws.db, (fresh.batchId as number) + 1)
    undoBatch(ws.db, fresh.batchId as number)
    expect(dump(ws.db, 'opportunities')).toEqual([])
  })

  it('reports the repeated keys of a workbook into a new source, wide keys too (its keys are tracked where the rows are mapped)', async () => {
    ws = await testWorkspace()
    const file = join(ws.dir, 'repeats.xlsx')
    const rows = [
      ['7', 'First', 'Negotiation', 10, '2025-01-01', 'Web'],
      ['Ā7', 'Wide', 'Closed Won', 20, '2025-01-01', 'Web'],
      ['7', 'Second', 'Negotiation', 30, '2025-01-01', 'Web'],
      ['Ā7', 'Wide again', 'Closed Won', 40, '2025-01-01', 'Web'],
      ['7', 'Third', 'Closed Won', 50, '2025-01-01', 'Web'],
    ]
    writeXlsx(file, { sheets: [{ name: 'Opportunities', rows: opps(rows) }] })
    const out = await importFile(ws, file)
    expect(out).toMatchObject({ new: 2, duplicates: 3, invalid: 0 })
    expect(out.problems.map((p) => [p.row, p.value, p.reason])).toEqual([
      [2, '7', 'same Opportunity ID as row 4, which replaces it'],
      [3, 'Ā7', 'same Opportunity ID as row 5, which replaces it'],
      [4, '7', 'same Opportunity ID as row 6, which replaces it'],
    ])
    expect(ws.db.prepare('SELECT external_id, name FROM opportunities ORDER BY external_id').all()).toEqual([
      { external_id: '7', name: 'Third' },
      { external_id: 'Ā7', name: 'Wide again' },
    ])
  })

  it('counts changed rows, remembers what they were, and undoes a batch exactly', async () => {
    ws = await testWorkspace()
    await importFile(
      ws,
      writeCsv(
        ws.dir,
        'v1.csv',
        opps([
          ['1', 'A', 'Negotiation', '10', '2025-01-01', 'Web'],
          ['2', 'B', 'Negotiation', '20', '2025-01-01', 'Web'],
        ]),
      ),
    )
    const before = dump(ws.db, 'opportunities')
    const v2 = await importFile(
      ws,
      writeCsv(
        ws.dir,
        'v2.csv',
        opps([
          ['1', 'A', 'Closed Won', '10', '2025-01-01', 'Web'],
          ['2', 'B', 'Negotiation', '20', '2025-01-01', 'Web'],
          ['3', 'C', 'Prospecting', '5', '2025-03-01', 'Web'],
        ]),
      ),
    )
    expect(v2).toMatchObject({ new: 1, changed: 1, unchanged: 1 })
    expect(v2.examples.changed[0]).toEqual({ row: 2, key: '1', changes: [{ field: 'stage', before: 'Negotiation', after: 'Closed Won' }] })
    expect(undoBatch(ws.db, v2.batchId as number)).toEqual({ batchId: v2.batchId, removed: 1, restored: 1 })
    expect(dump(ws.db, 'opportunities')).toEqual(before)
    expect(listBatches(ws.db)[0]?.undoneAt).not.toBeNull()
    expect(() => undoBatch(ws.db, v2.batchId as number)).toThrow(/already undone/)
  })

  it('refuses to undo a batch whose rows a later batch changed, and names the batch to undo first', async () => {
    ws = await testWorkspace()
    const a = await importFile(ws, writeCsv(ws.dir, 'a.csv', opps([['1', 'A', 'Negotiation', '10', '2025-01-01', 'Web']])))
    const b = await importFile(ws, writeCsv(ws.dir, 'b.csv', opps([['1', 'A', 'Closed Won', '10', '2025-01-01', 'Web']])))
    // Another batch touching other rows does not block anything.
    const c = await importFile(ws, writeCsv(ws.dir, 'c.csv', opps([['9', 'Z', 'Closed Won', '1', '2025-01-01', 'Web']])))
    expect(() => undoBatch(ws.db, a.batchId as number)).toThrow(
      `Undo import #${b.batchId} (b.csv) first: it changed 1 of the rows import #${a.batchId} wrote.`,
    )
    undoBatch(ws.db, b.batchId as number)
    expect(ws.db.prepare("SELECT stage FROM opportunities WHERE external_id = '1'").get()).toEqual({ stage: 'Negotiation' })
    undoBatch(ws.db, a.batchId as number)
    expect(ws.db.prepare('SELECT external_id FROM opportunities').all()).toEqual([{ external_id: '9' }])
    expect(c.new).toBe(1)
  })

  it('reports blank rows between data rows and ignores the empty ones at the end', async () => {
    ws = await testWorkspace()
    const file = writeCsv(
      ws.dir,
      'gaps.csv',
      opps([['1', 'A', 'Won', '1', '2025-01-01', ''], ['', '', '', '', '', ''], ['2', 'B', 'Won', '1', '2025-01-01', ''], [''], ['']]),
    )
    const out = await importFile(ws, file)
    expect(out).toMatchObject({ new: 2, invalid: 1, trailingBlankRows: 2, rowsRead: 3 })
    expect(out.problems[0]).toMatchObject({ row: 3, reason: 'blank row between data rows' })
  })

  it('backs the workspace up before a commit once it holds data', async () => {
    ws = await testWorkspace()
    const first = await importFile(ws, writeCsv(ws.dir, 'a.csv', opps([['1', 'A', 'Won', '1', '2025-01-01', '']])))
    expect(first.backup).toBeNull() // nothing to lose yet
    const second = await importFile(ws, writeCsv(ws.dir, 'b.csv', opps([['2', 'B', 'Won', '1', '2025-01-01', '']])))
    expect(second.backup).toMatch(/^backup-import-/)
    expect(listBackups(ws.path).map((b) => b.kind)).toEqual(['import'])
  })

  it('leaves the workspace exactly as it was when cancelled', async () => {
    ws = await testWorkspace()
    await importFile(ws, writeCsv(ws.dir, 'a.csv', opps([['1', 'A', 'Won', '1', '2025-01-01', '']])))
    const before = { opps: dump(ws.db, 'opportunities'), batches: dump(ws.db, 'import_batches') }
    const rows = Array.from({ length: 50_000 }, (_, i) => [`X${i}`, `Deal ${i}`, 'Won', String(i), '2025-01-01', 'Web'])
    const big = writeCsv(ws.dir, 'big.csv', opps(rows))
    const abort = new AbortController()
    const run = importFile(ws, big, { run: { signal: abort.signal, onProgress: (p) => p.rows > 0 && abort.abort() } })
    const e = await run.then(
      () => null,
      (x: unknown) => x as Error,
    )
    expect(e?.name).toBe('AbortError')
    expect({ opps: dump(ws.db, 'opportunities'), batches: dump(ws.db, 'import_batches') }).toEqual(before)
    expect(ws.db.inTransaction).toBe(false)
  })

  const indexes = (): unknown[] => ws.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' ORDER BY name").all()
  const opportunityIndexes = (): unknown[] =>
    ws.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'opportunities' ORDER BY name").pluck().all()

  it('rebuilds the indexes it drops for a bulk load of a CSV, and brings them back when a bulk load is cancelled', async () => {
    ws = await testWorkspace()
    const before = indexes()
    // ~110 bytes a row, 60,000 rows: a bulk load (estimatedRows >= 50,000) into an empty table.
    const rows = (prefix: string): string[][] =>
      Array.from({ length: 60_000 }, (_, i) => [
        `${prefix}${i}`,
        `Deal ${i} ${'x'.repeat(60)}`,
        'Closed Won',
        String(i),
        '2025-01-01',
        'Web',
      ])
    const bulk = writeCsv(ws.dir, 'bulk.csv', opps(rows('A')))
    expect(estimatedRows('csv', statSync(bulk).size)).toBeGreaterThanOrEqual(50_000)
    // The only connection to the workspace: the load runs with a rollback journal, then the WAL is back.
    // Meanwhile the table has only the index of its key: the others are built after the last row.
    const seen = new Set<string>()
    const onProgress = (): void =>
      void seen.add(JSON.stringify({ mode: ws.db.pragma('journal_mode', { simple: true }), indexes: opportunityIndexes() }))
    expect(await importFile(ws, bulk, { run: { onProgress } })).toMatchObject({ new: 60_000 })
    expect([...seen]).toEqual([JSON.stringify({ mode: 'delete', indexes: ['sqlite_autoindex_opportunities_1'] })])
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(indexes()).toEqual(before)
    expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok')
    // The indexes hold every row: counted through the index (the plan says so) and through the table.
    const plan = ws.db.prepare("EXPLAIN QUERY PLAN SELECT count(*) FROM opportunities WHERE close_date = '2025-01-01'").all() as {
      detail: string
    }[]
    expect(plan.map((r) => r.detail).join()).toMatch(/COVERING INDEX opportunities_by_close/)
    expect(ws.db.prepare("SELECT count(*) FROM opportunities WHERE close_date = '2025-01-01'").pluck().get()).toBe(60_000)

    const data = dump(ws.db, 'opportunities')
    const abort = new AbortController()
    const second = writeCsv(ws.dir, 'second.csv', opps(rows('B')))
    const e = await importFile(ws, second, { run: { signal: abort.signal, onProgress: (p) => p.rows > 0 && abort.abort() } }).then(
      () => null,
      (x: unknown) => x as Error,
    )
    expect(e?.name).toBe('AbortError')
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(indexes()).toEqual(before)
    expect(dump(ws.db, 'opportunities')).toEqual(data)
    expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok')
  })

  it('drops and rebuilds the indexes for a bulk load of an XLSX too: with the report indexes, the writer became the slow side', async () => {
    ws = await testWorkspace()
    const before = indexes()
    const all = opportunityIndexes()
    expect(all.length).toBeGreaterThan(1)
    // Stored (not deflated), 10,000 rows make a file large enough for a bulk load into the empty table.
    const file = join(ws.dir, 'bulk.xlsx')
    const rows = Array.from({ length: 10_000 }, (_, i) => [`X${i}`, `Deal ${i} ${'x'.repeat(200)}`, 'Closed Won', i, '2025-01-01', 'Web'])
    writeXlsx(file, { sheets: [{ name: 'Opportunities', rows: opps(rows) }] }, { entries: (es) => es.map((e) => ({ ...e, store: true })) })
    expect(estimatedRows('xlsx', statSync(file).size)).toBeGreaterThanOrEqual(50_000)
    const seen = new Set<string>()
    const onProgress = (): void =>
      void seen.add(JSON.stringify({ mode: ws.db.pragma('journal_mode', { simple: true }), indexes: opportunityIndexes() }))
    expect(await importFile(ws, file, { run: { onProgress } })).toMatchObject({ new: 10_000, invalid: 0 })
    // While it reads, only the index of the key is there; every other one is built after the last row.
    expect([...seen]).toEqual([JSON.stringify({ mode: 'delete', indexes: ['sqlite_autoindex_opportunities_1'] })])
    expect(ws.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(indexes()).toEqual(before)
    expect(ws.db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(
      ws.db.prepare("SELECT count(*) FROM opportunities INDEXED BY opportunities_by_close WHERE close_date = '2025-01-01'").pluck().get(),
    ).toBe(10_000)
  })

  it('keeps the WAL for a bulk load while another connection has the workspace open, which reads on meanwhile', async () => {
    ws = await testWorkspace()
    const reader = new Database(ws.path, { readonly: true })
    try {
      // Like the app's connection: it has read the workspace, so it has the WAL open.
      expect(reader.prepare('SELECT count(*) FROM opportunities').pluck().get()).toBe(0)
      const rows = Array.from({ length: 60_000 }, (_, i) => [
        `R${i}`,
        `Deal ${i} ${'x'.repeat(60)}`,
        'Closed Won',
        String(i),
        '2025-01-01',
        'Web',
      ])
      const seen: { mode: unknown; rows: unknown }[] = []
      const onProgress = (): void =>
        void seen.push({
          mode: ws.db.pragma('journal_mode', { simple: true }),
          rows: reader.prepare('SELECT count(*) FROM opportunities').pluck().get(),
        })
      expect(await importFile(ws, writeCsv(ws.dir, 'bulk.csv', opps(rows)), { run: { onProgress } })).toMatchObject({ new: 60_000 })
      expect(seen.length).toBeGreaterThan(0)
      expect(new Set(seen.map((s) => JSON.stringify(s)))).toEqual(new Set([JSON.stringify({ mode: 'wal', rows: 0 })]))
      expect(reader.prepare('SELECT count(*) FROM opportunities').pluck().get()).toBe(60_000)
    } finally {
      reader.close()
    }
  })

  it('refuses a mapping that does not fit the file, before writing', async () => {
    ws = await testWorkspace()
    const file = writeCsv(ws.dir, 'a.csv', opps([['1', 'A', 'Won', '1', '2025-01-01', '']]))
    const e = await caught(
      importFile(ws, file, { edit: (s) => ({ ...s, mapping: { ...s.mapping, stage: { column: 2, header: 'Deal Stage' } } }) }),
    )
    expect(e.code).toBe('IMPORT_INVALID')
    expect(e.message).toBe('a.csv: stage is mapped to the column "Deal Stage", but column 3 is "Stage"; check the header row and mapping.')
    const missing = await caught(
      importFile(ws, file, {
        edit: (s) => {
          const { stage: _stage, ...mapping } = s.mapping
          return { ...s, mapping }
        },
      }),
    )
    expect(missing.message).toMatch(/^Map Stage \(stage\) to a column first/)
    expect(dump(ws.db, 'opportunities')).toEqual([])
  })

  it('remembers the mapping for the next file with the same headers', async () => {
    ws = await testWorkspace()
    const header = ['Deal', 'Phase', 'Value', 'Due']
    const first = writeCsv(ws.dir, 'a.csv', [header, ['D1', 'Closed Won', '5', '2025-01-01']])
    const mapping = mappingByColumn({ external_id: 'Deal', stage: 'Phase', amount: 'Value', close_date: 'Due' })
    await importFile(ws, first, {
      overrides: { kind: 'opportunities' },
      edit: (s) => ({ ...s, kind: 'opportunities', sourceSystem: 'crm-b', mapping }),
    })
    const second = writeCsv(ws.dir, 'b.csv', [header, ['D2', 'Closed Lost', '7', '2025-02-01']])
    const { inspectFile } = await import('../../../src/main/import/inspect')
    const { getSettings } = await import('../../../src/main/services/settings')
    const inspection = await inspectFile(ws.db, second, getSettings(ws.db).settings)
    expect(inspection.remembered).toBe(true)
    expect(inspection.settings).toMatchObject({ kind: 'opportunities', sourceSystem: 'crm-b', mapping })
  })

  it('stops a read that takes longer than the time limit, with one line', async () => {
    ws = await testWorkspace()
    const rows = Array.from({ length: 200_000 }, (_, i) => [`T${i}`, `Deal ${i}`, 'Won', String(i), '2025-01-01', 'Web'])
    const file = writeCsv(ws.dir, 'slow.csv', opps(rows))
    const { DEFAULT_LIMITS } = await import('../../../src/shared/import/types')
    const e = await caught(importFile(ws, file, { run: { limits: { ...DEFAULT_LIMITS, timeoutMs: 30 } } }))
    expect(e.message).toBe('slow.csv: reading took longer than a second; stopped.')
    expect(dump(ws.db, 'opportunities')).toEqual([])
  })

  it('refuses a file that is not what it claims, with one line naming the file', async () => {
    ws = await testWorkspace()
    const fake = join(ws.dir, 'report.xlsx')
    writeFileSync(fake, 'id,name\n1,a\n')
    const e = await caught(importFile(ws, fake))
    expect(e.code).toBe('IMPORT_REFUSED')
    expect(e.message).toMatch(/^report\.xlsx: /)
    expect(e.message).not.toContain('\n')
    expect(existsSync(join(ws.dir, 'ws.backups'))).toBe(false)
  })
})
