import { AppError } from '../errors'
import type { ParseArgsConfig } from 'node:util'
import type { MainServices } from '../services/main-services'

/**
 * A `report <name>` command of the CLI. Each report calls the same service as the app and prints
 * its result as one JSON document (`--json`) or as readable text.
 */
export interface ReportCommand {
  name: string
  /** One usage line, after `report <name> --db <path>`. */
  usage: string
  options: NonNullable<ParseArgsConfig['options']>
  /** Computes the report; throws AppError (IMPORT_INVALID/BAD_ARGS style one-liners) on bad options. */
  run(services: MainServices, values: Record<string, unknown>, now: Date): unknown
  /** The human-readable form of the result. */
  text(result: unknown): string
}

/** Every report; features add theirs here. */
export const REPORTS: ReportCommand[] = []

/** The options of a period report (`--period` required, `--as-of` optional), or a one-line refusal. */
export const PERIOD_OPTIONS = { period: { type: 'string' }, 'as-of': { type: 'string' } } as const

export function periodQuery(report: string, values: Record<string, unknown>): { period: string; asOf?: string } {
  const period = values['period']
  if (typeof period !== 'string' || period === '') {
    throw new AppError('BAD_ARGS', `report ${report} needs --period, such as 2025-Q3, 2025-08 or FY2025.`)
  }
  const asOf = values['as-of']
  return { period, ...(typeof asOf === 'string' ? { asOf } : {}) }
}
