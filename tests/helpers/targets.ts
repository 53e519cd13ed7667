import type { ImportOutcome } from '../../src/shared/import/outcome'
import type { ImportKind } from '../../src/shared/import/types'
import { importFile, writeCsv, type TestWorkspace } from './import'

/**
 * Small workspaces for the Targets tests, imported with the real engine from CSV files written here. The
 * header of each file is the canonical field names, mapped one to one, so a test reads like the table it
 * imports.
 */

type Cell = string | number | null
let fileNo = 0

export async function importTable(
  ws: TestWorkspace,
  kind: ImportKind,
  header: string[],
  rows: Cell[][],
  sourceSystem: string,
): Promise<ImportOutcome> {
  const file = writeCsv(ws.dir, `${kind}-${++fileNo}.csv`, [header, ...rows])
  return importFile(ws, file, {
    overrides: { kind },
    edit: (s) => ({
      ...s,
      kind,
      sourceSystem,
      headerRow: 1,
      dateOrder: 'ymd',
      decimal: '.',
      probabilityScale: 'percent',
      wide: null,
      mapping: Object.fromEntries(header.map((h, column) => [h, { column, header: h }])),
    }),
  })
}

/** Opportunities: `external_id, stage, amount, currency, close_date, lead_source, lead_id, probability` (percent). */
export function importOpportunities(ws: TestWorkspace, rows: Cell[][], sourceSystem = 'crm'): Promise<ImportOutcome> {
  return importTable(
    ws,
    'opportunities',
    ['external_id', 'stage', 'amount', 'currency', 'close_date', 'lead_source', 'lead_id', 'probability'],
    rows,
    sourceSystem,
  )
}

/** Leads: `external_id, lead_source, handed_off_at, qualified_at, opportunity_id` (times in the workspace zone). */
export function importLeads(ws: TestWorkspace, rows: Cell[][], sourceSystem = 'crm'): Promise<ImportOutcome> {
  return importTable(ws, 'leads', ['external_id', 'lead_source', 'handed_off_at', 'qualified_at', 'opportunity_id'], rows, sourceSystem)
}

/** Targets: `period, amount, team, segment`. */
export function importTargets(ws: TestWorkspace, rows: Cell[][], sourceSystem = 'budget'): Promise<ImportOutcome> {
  return importTable(ws, 'targets', ['period', 'amount', 'team', 'segment'], rows, sourceSystem)
}
