import type { Database } from 'better-sqlite3'
import { statSync } from 'node:fs'
import { basename } from 'node:path'
import { detectImport, findHeaderRow, headerSignature, proposeMapping } from '@shared/import/detect'
import { fieldDef } from '@shared/import/fields'
import type { FileInspection, ImportSettings } from '@shared/import/outcome'
import {
  DEFAULT_LIMITS,
  type CellValue,
  type Crm,
  type ImportKind,
  type Mapping,
  type ReadLimits,
  type SourceRow,
} from '@shared/import/types'
import { inferDateOrder, inferDecimalSeparator, inferProbabilityScale } from '@shared/import/values'
import type { Settings } from '@shared/settings'
import { AppError } from '../errors'
import { savedMapping } from '../db/repos/imports'
import { sniffOrRefuse } from './engine'
import { SNIFF_ROWS, startRead, type ReadSession, type Sample } from './worker/read-in-worker'
import type { Sniffed } from './read/sniff'

export interface InspectOverrides {
  sheet?: string
  /** 1-based header row chosen by the user. */
  headerRow?: number
  kind?: ImportKind
  crm?: Crm
  limits?: ReadLimits
}

const TOP_ROWS = 30
const SAMPLE_ROWS = 50

const text = (c: CellValue): string => (c === null ? '' : String(c).trim())

/** Values of the sample in the columns mapped to fields of the given types. */
function columnValues(kind: ImportKind, mapping: Mapping, rows: SourceRow[], types: string[]): CellValue[] {
  const cols = Object.entries(mapping)
    .filter(([field, src]) => 'column' in src && types.includes(fieldDef(kind, field)?.type ?? ''))
    .map(([, src]) => (src as { column: number }).column)
  return rows.flatMap((r) => cols.map((c) => r.cells[c] ?? null))
}

/**
 * Looks at the start of a file: what it is (format, encoding, delimiter, sheets), where its header is,
 * what it holds and which CRM wrote it, and proposes how to import it — the mapping remembered for this
 * header layout when there is one, else the detected one — with the date order and number formats
 * inferred from the first rows. Reads at most a thousand rows, in the parse worker.
 */
export async function inspectFile(
  db: Database,
  path: string,
  settings: Settings,
  overrides: InspectOverrides = {},
): Promise<FileInspection> {
  const { sniffed, session } = await startSampling(path, overrides)
  try {
    return inspectSample(db, path, sniffed, await session.sample, settings, overrides)
  } finally {
    session.cancel()
  }
}

/**
 * Starts reading a file and stops after its first rows (the sample); the read can then be resumed by
 * runImport, so an import that follows right away (the CLI) opens the file once.
 */
export async function startSampling(path: string, overrides: InspectOverrides = {}): Promise<{ sniffed: Sniffed; session: ReadSession }> {
  const limits = overrides.limits ?? DEFAULT_LIMITS
  const sniffed = await sniffOrRefuse(path, limits)
  return { sniffed, session: startRead({ path, sniffed, sheet: overrides.sheet ?? null, limits, sampleRows: SNIFF_ROWS }) }
}

/** What `inspectFile` concludes from a file's first rows. */
export function inspectSample(
  db: Database,
  path: string,
  sniffed: Sniffed,
  read: Sample,
  settings: Settings,
  overrides: InspectOverrides = {},
): FileInspection {
  const rows = read.rows
  if (rows.length === 0)
    throw new AppError('IMPORT_INVALID', `${basename(path)}: ${read.sheet ? `the sheet "${read.sheet}" is empty` : 'there are no rows'}.`)

  const headerRow = overrides.headerRow ?? findHeaderRow(rows.slice(0, TOP_ROWS)).row
  const headerIndex = rows.findIndex((r) => r.row === headerRow)
  if (headerIndex < 0) throw new AppError('IMPORT_INVALID', `${basename(path)}: row ${headerRow} is empty and cannot be the header row.`)
  const headers = (rows[headerIndex] as SourceRow).cells.map(text)
  const below = rows.slice(headerIndex + 1)

  const detected = detectImport(headers, below, overrides.crm ? { crm: overrides.crm } : undefined)
  const remembered = savedMapping(db, headerSignature(headers))
  const rememberedSettings = remembered ? (JSON.parse(remembered.options) as ImportSettings) : null
  const useRemembered = rememberedSettings !== null && (!overrides.kind || overrides.kind === rememberedSettings.kind)

  let proposal: ImportSettings
  if (useRemembered && rememberedSettings) {
    proposal = { ...rememberedSettings, sheet: read.sheet, headerRow }
  } else {
    const kind = overrides.kind ?? detected.kind
    const mapping = kind === detected.kind ? detected.mapping : proposeMapping(kind, headers, below, overrides.crm ?? detected.crm)
    const wide = kind === 'targets' ? (detected.wide ?? null) : null
    proposal = {
      kind,
      sourceSystem: detected.sourceSystem,
      sheet: read.sheet,
      headerRow,
      dateOrder: 'ymd',
      decimal: '.',
      probabilityScale: 'fraction',
      mapping,
      wide,
    }
  }

  const dates = inferDateOrder(columnValues(proposal.kind, proposal.mapping, below, ['date', 'timestamp', 'period']))
  const dateOrderAmbiguous = !useRemembered && dates.ambiguous
  if (!useRemembered) {
    proposal.dateOrder = dates.order ?? (detected.crm === 'salesforce' || detected.crm === 'hubspot' ? 'mdy' : 'ymd')
    proposal.decimal = inferDecimalSeparator(columnValues(proposal.kind, proposal.mapping, below, ['amount'])) ?? '.'
    proposal.probabilityScale = inferProbabilityScale(columnValues(proposal.kind, proposal.mapping, below, ['probability']))
  }

  return {
    fileName: basename(path),
    sizeBytes: statSync(path).size,
    format: sniffed.format,
    encoding: sniffed.format === 'csv' ? sniffed.encoding : null,
    delimiter: sniffed.format === 'csv' ? sniffed.delimiter : null,
    sheets: read.sheets,
    topRows: rows.slice(0, TOP_ROWS),
    headers,
    sample: below.slice(0, SAMPLE_ROWS),
    detected: { kind: detected.kind, crm: detected.crm, confidence: detected.confidence, reasons: detected.reasons },
    settings: proposal,
    remembered: useRemembered,
    dateOrderAmbiguous,
    dateExamples: dates.evidence.slice(0, 3),
  }
}
