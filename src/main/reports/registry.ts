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
