import { closeSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs'
import { basename } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { strToU8, Zip, ZipDeflate } from 'fflate'
import type { WorkspaceExport } from '@shared/types'
import { minorDigits } from '@shared/import/values/currency'
import { openSecondConnection } from '../db/connection'
import { beginRead, endRead, schemaVersion, tableRows, workspaceTables, type TableShape } from '../db/repos/export'
import { csvLines, type CsvCell } from '../csv'
import { AppError, diskFullError, oneLine } from '../errors'
import { getSettings, settingsToJson } from './settings'
import type { WorkspaceManager } from './workspace'

/** Rows turned into CSV and compressed between two turns of the event loop (the app's window stays live). */
const CHUNK_ROWS = 2000

/**
 * Data never locked in (issue #18): the whole workspace as one zip, every table as a CSV file
 * (`tables/<table>.csv`, UTF-8 with BOM, through the one formula-safe writer of csv.ts) plus the settings
 * document (`settings.json`, as Settings > Export writes it) and a `manifest.json` (schema version, time,
 * the tables with their row counts).
 *
 * Money is stored as integer minor units (`amount_minor`); beside that column each file gets `amount`, the
 * same value in the currency's units (1234.5), so that the exported leads, deals, targets and spend read
 * back in through the ordinary import. The export reads a snapshot on its own connection (WAL: the app
 * keeps working meanwhile) and is written to `<file>.partial`, renamed when complete.
 */
export class ExportService {
  constructor(private readonly workspace: WorkspaceManager) {}

  async exportTo(dest: string, now = new Date()): Promise<WorkspaceExport> {
    const source = this.workspace.path
    const settingsJson = settingsToJson(getSettings(this.workspace.db).settings)
    const partial = `${dest}.partial`
    const db = openSecondConnection(source)
    let fd: number | null = null
    try {
      fd = openSync(partial, 'w')
      const out = fd
      const zip = new Zip((err, chunk) => {
        if (err) throw err
        writeSync(out, chunk)
      })
      beginRead(db) // one snapshot for every table, however long the export takes
      const tables = workspaceTables(db)
      const written: WorkspaceExport['tables'] = []
      for (const table of tables) {
        written.push({ name: table.name, rows: await writeTable(zip, table, tableRows(db, table)) })
      }
      endRead(db)
      addText(zip, 'settings.json', settingsJson)
      addText(
        zip,
        'manifest.json',
        `${JSON.stringify(
          {
            app: 'Tandem',
            workspace: basename(source),
            schemaVersion: schemaVersion(db),
            exportedAt: now.toISOString(),
            tables: written.map((t) => ({ ...t, file: `tables/${t.name}.csv` })),
            notes: 'Money columns hold integer minor units (amount_minor); amount is the same value in units of the currency.',
          },
          null,
          2,
        )}\n`,
      )
      zip.end()
      closeSync(fd)
      fd = null
      renameSync(partial, dest)
      return { fileName: basename(dest), tables: written, bytes: statSync(dest).size }
    } catch (e) {
      if (fd !== null) closeSync(fd)
      rmSync(partial, { force: true })
      if (e instanceof AppError) throw e
      throw diskFullError(e, dest) ?? new AppError('FILE_IO', `Could not write ${basename(dest)}: ${oneLine(e)}`)
    } finally {
      db.close()
    }
  }
}

function addText(zip: Zip, name: string, text: string): void {
  const file = new ZipDeflate(name, { level: 6 })
  zip.add(file)
  file.push(strToU8(text), true)
}

/** Writes one table as CSV into the zip, a chunk of rows at a time; returns how many rows it wrote. */
async function writeTable(zip: Zip, table: TableShape, rows: IterableIterator<unknown[]>): Promise<number> {
  const file = new ZipDeflate(`tables/${table.name}.csv`, { level: 6 })
  zip.add(file)
  const money = moneyColumns(table.columns)
  const header = money ? [...table.columns, 'amount'] : table.columns
  file.push(strToU8(`\uFEFF${csvLines([header])}`))
  let count = 0
  let chunk: CsvCell[][] = []
  for (const row of rows) {
    const cells = row as CsvCell[]
    chunk.push(money ? [...cells, inUnits(cells[money.minor], cells[money.currency])] : cells)
    count++
    if (chunk.length === CHUNK_ROWS) {
      file.push(strToU8(csvLines(chunk)))
      chunk = []
      await nextTurn()
    }
  }
  file.push(strToU8(csvLines(chunk)), true)
  return count
}

/** The positions of `amount_minor` and `currency` in a table that has both. */
function moneyColumns(columns: readonly string[]): { minor: number; currency: number } | null {
  const minor = columns.indexOf('amount_minor')
  const currency = columns.indexOf('currency')
  return minor >= 0 && currency >= 0 ? { minor, currency } : null
}

/** Minor units as a number in the currency's units (exact for any amount a workspace holds), or empty. */
function inUnits(minor: CsvCell, currency: CsvCell): CsvCell {
  if (typeof minor !== 'number' || typeof currency !== 'string') return null
  const digits = minorDigits(currency)
  return digits === null ? null : minor / 10 ** digits
}
