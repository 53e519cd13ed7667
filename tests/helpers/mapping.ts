import type { Mapping } from '../../src/shared/import/types'

/**
 * A mapping of fields to the columns of a file, in order: `{ external_id: 'Id', stage: 'Stage' }` maps
 * external_id to column 0 ("Id") and stage to column 1 ("Stage").
 */
export function mappingByColumn(headers: Record<string, string>): Mapping {
  return Object.fromEntries(Object.entries(headers).map(([field, header], column) => [field, { column, header }]))
}
