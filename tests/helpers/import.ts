import type { Database } from 'better-sqlite3'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { openWorkspaceDb } from '../../src/main/db/connection'
import { runImport, type RunOptions } from '../../src/main/import/engine'
import { inspectFile, type InspectOverrides } from '../../src/main/import/inspect'
import { getSettings } from '../../src/main/services/settings'
import type { ImportOutcome, ImportRequest, ImportSettings } from '../../src/shared/import/outcome'
import { tmpDir } from './tmp'

export interface TestWorkspace {
  dir: string
  path: string
  db: Database
}

/** A new workspace in a temporary folder (removed after the test unless `dir` is given). */
export async function testWorkspace(dir = tmpDir()): Promise<TestWorkspace> {
  const path = join(dir, 'ws.sqlite')
  return { dir, path, db: await openWorkspaceDb(path, { create: true }) }
}

/** Writes a CSV file from rows of cells (quoted where needed) and returns its path. */
export function writeCsv(dir: string, name: string, rows: (string | number | null)[][], eol = '\n'): string {
  const cell = (v: string | number | null): string => {
    if (v === null) return ''
    const s = String(v)
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const path = join(dir, name)
  writeFileSync(path, rows.map((r) => r.map(cell).join(',')).join(eol) + eol)
  return path
}

/** Inspects a file and imports it with the proposed settings (changed by `edit`), as the CLI does. */
export async function importFile(
  ws: TestWorkspace,
  path: string,
  options: {
    mode?: 'preview' | 'commit'
    overrides?: InspectOverrides
    edit?: (s: ImportSettings) => ImportSettings
    run?: Partial<RunOptions>
  } = {},
): Promise<ImportOutcome> {
  const settings = getSettings(ws.db).settings
  const inspection = await inspectFile(ws.db, path, settings, options.overrides ?? {})
  const request: ImportRequest = { ...(options.edit ? options.edit(inspection.settings) : inspection.settings), path }
  return runImport({ db: ws.db, path: ws.path }, request, { mode: options.mode ?? 'commit', settings, ...options.run })
}

/** Every row of a table, for comparing a workspace before and after. */
export function dump(db: Database, table: string): unknown[] {
  return (db.prepare(`SELECT * FROM "${table}"`).all() as unknown[]).map((r) => JSON.stringify(r)).sort()
}
