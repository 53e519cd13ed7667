import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { strFromU8, unzipSync } from 'fflate'
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import { addDays } from '../../src/shared/time/calendar'
import { cli } from '../helpers/cli'
import { testWorkspace } from '../helpers/import'
import { seededRandom } from '../helpers/random'
import { importLeads, importOpportunities, importTable, importTargets } from '../helpers/targets'
import { demoData } from '../helpers/targets-demo'
import { tmpDir } from '../helpers/tmp'

const LEAD_FIELDS = [
  'external_id',
  'name',
  'company',
  'lead_source',
  'owner',
  'grade',
  'handed_off_at',
  'accepted_at',
  'first_touch_at',
  'rejected_at',
  'rejection_reason',
  'qualified_at',
  'opportunity_id',
]

/** A workspace with a year of deals, targets, and leads with everything the handoff report reads. */
async function fullWorkspace(): Promise<string> {
  const ws = await testWorkspace()
  const data = demoData()
  await importOpportunities(ws, [
    ...data.opportunities,
    // Cells a spreadsheet would run, commas, quotes, line breaks, accents, cents, a currency without cents.
    ['=HYPERLINK("http://x")', 'Closed Won', '1234.56', 'EUR', '2025-07-03', '+Partner, "EMEA"', null, 40],
    ['Q-ZÜRICH', 'Negotiation', '99.99', 'CHF', '2025-09-03', 'Café\nZürich', null, 60],
    ['Q-YEN', 'Closed Won', '123456', 'JPY', '2025-08-01', '@mention', null, null],
  ])
  await importLeads(ws, data.leads)
  const r = seededRandom(18)
  const rows = Array.from({ length: 150 }, (_, i) => {
    const day = addDays('2025-06-01', Math.floor(r() * 90))
    const worked = r()
    return [
      `FULL-${i}`,
      i === 0 ? '-Dash, Ann' : `Lead ${i}`,
      i === 1 ? '=1+2' : `Company ${i % 17}`,
      ['Webinar', 'Web', 'Trade Show'][i % 3] ?? null,
      ['Ana', 'Ben', 'Chloé'][i % 3] ?? null,
      ['A', 'B', 'C'][i % 3] ?? null,
      `${day} 09:${String(i % 60).padStart(2, '0')}`,
      worked < 0.6 ? `${addDays(day, 1)} 11:00` : null,
      worked < 0.8 ? `${day} 15:30` : null,
      worked >= 0.6 && worked < 0.7 ? `${addDays(day, 2)} 10:00` : null,
      worked >= 0.6 && worked < 0.7 ? 'Budget' : null,
      worked < 0.3 ? `${addDays(day, 5)} 10:00` : null,
      null,
    ]
  })
  await importTable(ws, 'leads', LEAD_FIELDS, rows, 'crm')
  await importTargets(ws, [['2025-Q3', '90000', 'sales', null]])
  ws.db.close()
  return ws.path
}

const json = (r: { stdout: string }): unknown => JSON.parse(r.stdout)

describe('export: the whole workspace in one zip (issue #18, data never locked in)', () => {
  it('writes every table as CSV plus the settings, and the exported leads, deals and targets import again to the same reports', async () => {
    const db = await fullWorkspace()
    const dir = tmpDir()
    const zip = join(dir, 'all.zip')
    const done = await cli('export', '--db', db, '--out', zip, '--json')
    expect(done.stderr).toBe('')
    expect(done.code).toBe(0)
    const summary = json(done) as { tables: { name: string; rows: number }[]; bytes: number }

    // The zip opened back: one CSV per table of the workspace, the settings and a manifest.
    const entries = unzipSync(readFileSync(zip))
    const names = Object.keys(entries).sort()
    const tables = summary.tables.map((t) => t.name)
    expect(tables).toEqual(
      expect.arrayContaining(['leads', 'opportunities', 'targets', 'import_batches', 'settings', 'meta', 'action_items']),
    )
    expect(names).toEqual([...tables.map((t) => `tables/${t}.csv`), 'manifest.json', 'settings.json'].sort())
    const settings = JSON.parse(strFromU8(entries['settings.json'] as Uint8Array)) as Record<string, unknown>
    expect(settings).toEqual(json(await cli('settings', 'export', '--db', db)))
    const manifest = JSON.parse(strFromU8(entries['manifest.json'] as Uint8Array)) as { tables: { name: string; rows: number }[] }
    expect(manifest.tables.map(({ name, rows }) => ({ name, rows }))).toEqual(summary.tables)
    const leadCount = summary.tables.find((t) => t.name === 'leads')?.rows
    expect(leadCount).toBe(demoData().leads.length + 150)

    // Each CSV parses back to its row count; formula-looking text is neutralised, the rest kept.
    const csv = (table: string): string[][] =>
      Papa.parse<string[]>(strFromU8(entries[`tables/${table}.csv`] as Uint8Array).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data
    const opportunities = csv('opportunities')
    expect(opportunities).toHaveLength(1 + (summary.tables.find((t) => t.name === 'opportunities')?.rows ?? -1))
    const header = opportunities[0] as string[]
    const col = (name: string): number => header.indexOf(name)
    const byId = new Map(opportunities.slice(1).map((row) => [row[col('external_id')], row]))
    expect(byId.get(`'=HYPERLINK("http://x")`)?.[col('lead_source')]).toBe(`'+Partner, "EMEA"`)
    expect(byId.get('Q-ZÜRICH')?.[col('lead_source')]).toBe('Café\nZürich')
    expect(byId.get('Q-ZÜRICH')?.[col('amount')]).toBe('99.99')
    expect(byId.get('Q-ZÜRICH')?.[col('amount_minor')]).toBe('9999')
    expect(byId.get('Q-YEN')?.[col('amount')]).toBe('123456')
    expect(byId.get('Q-YEN')?.[col('lead_source')]).toBe(`'@mention`)

    // Into a new workspace through the ordinary import: the settings, then the files as exported.
    const out = join(dir, 'unzipped')
    mkdirSync(out)
    writeFileSync(join(out, 'settings.json'), entries['settings.json'] as Uint8Array)
    const fresh = join(dir, 'fresh.sqlite')
    expect((await cli('settings', 'import', join(out, 'settings.json'), '--db', fresh)).code).toBe(0)
    for (const table of ['opportunities', 'leads', 'targets']) {
      const file = join(out, `${table}.csv`)
      writeFileSync(file, entries[`tables/${table}.csv`] as Uint8Array)
      const imported = await cli('import', file, '--db', fresh, '--json')
      expect(imported.code, imported.stderr).toBe(0)
      const outcome = json(imported) as { kind: string; new: number; invalid: number }
      expect(outcome).toMatchObject({ kind: table, invalid: 0, new: summary.tables.find((t) => t.name === table)?.rows })
    }

    for (const report of [
      ['targets', '--period', '2025-Q3', '--as-of', '2025-08-15'],
      ['targets', '--period', 'FY2025', '--as-of', '2025-08-15'],
      ['handoff', '--as-of', '2025-08-20T12:00:00'],
      ['funnel', '--from', '2025-06-01', '--to', '2025-08-31', '--as-of', '2025-09-01T00:00:00'],
    ]) {
      const before = await cli('report', ...report, '--db', db, '--json')
      const after = await cli('report', ...report, '--db', fresh, '--json')
      expect(before.code, before.stderr).toBe(0)
      expect(json(after), report.join(' ')).toEqual(json(before))
    }
    // The numbers compared are real ones, not empty reports.
    const handoff = json(await cli('report', 'handoff', '--as-of', '2025-08-20T12:00:00', '--db', db, '--json')) as Record<string, number>
    expect(handoff).toMatchObject({ slaMeasurable: true, rejectionReasons: { Budget: expect.any(Number) } })
    expect(handoff['acceptanceRate']).toBeGreaterThan(0)
    expect(handoff['backlog']).toBeGreaterThan(0)
    const targets = json(await cli('report', 'targets', '--period', '2025-Q3', '--as-of', '2025-08-15', '--db', db, '--json')) as Record<
      string,
      number
    >
    expect(targets['closedWon']).toBeGreaterThan(0)
    expect(targets['openPipeline']).toBeGreaterThan(0)
  }, 60_000)

  it('refuses to overwrite a file, and leaves nothing behind when it cannot write', async () => {
    const db = await fullWorkspace()
    const dir = tmpDir()
    const existing = join(dir, 'taken.zip')
    writeFileSync(existing, 'mine')
    const taken = await cli('export', '--db', db, '--out', existing)
    expect(taken).toMatchObject({ code: 1, stderr: `tandem: ${existing} already exists; choose a new file for the export.` })
    expect(readFileSync(existing, 'utf8')).toBe('mine')

    const nowhere = join(dir, 'missing-folder', 'all.zip')
    const failed = await cli('export', '--db', db, '--out', nowhere)
    expect(failed.code).toBe(1)
    expect(failed.stderr).toMatch(/^tandem: Could not write all\.zip: /)
    expect(failed.stderr.split('\n')).toHaveLength(1)
    expect(readdirSync(dir)).toEqual(['taken.zip'])
    expect(existsSync(`${nowhere}.partial`)).toBe(false)

    expect((await cli('export', '--db', db)).code).toBe(2)
    expect((await cli('export', '--db', join(dir, 'none.sqlite'), '--out', join(dir, 'x.zip'))).code).toBe(1)
  })
})
