import type { ImportKind } from '@shared/import/types'

/**
 * How each kind of import is stored: its table and, per canonical field, the columns it fills. Table
 * and column names come only from here (never from a file or the renderer), so they can be put into
 * SQL text safely.
 */
export interface EntityDef {
  table: string
  /** Canonical field -> the table columns it sets. Amounts set two: minor units and currency. */
  columns: Record<string, readonly string[]>
  /**
   * For kinds without an id in the file (targets, spend), the fields whose values make the row's
   * key within its source system; imports of the same sheet then update rather than duplicate.
   */
  naturalKey?: readonly string[]
}

const same = (...names: string[]): Record<string, readonly string[]> => Object.fromEntries(names.map((n) => [n, [n]]))

export const ENTITIES: Record<ImportKind, EntityDef> = {
  leads: {
    table: 'leads',
    columns: same(
      'name',
      'company',
      'email',
      'lead_source',
      'campaign',
      'grade',
      'owner',
      'segment',
      'created_at',
      'handed_off_at',
      'accepted_at',
      'first_touch_at',
      'rejected_at',
      'rejection_reason',
      'recycled_at',
      'qualified_at',
      'opportunity_id',
    ),
  },
  opportunities: {
    table: 'opportunities',
    columns: {
      ...same(
        'name',
        'account',
        'owner',
        'stage',
        'probability',
        'created_at',
        'close_date',
        'lead_source',
        'campaign',
        'lead_id',
        'product',
        'region',
      ),
      amount: ['amount_minor', 'currency'],
      // The currency column is written together with the amount (see ENTITY amount handling).
      currency: [],
    },
  },
  targets: {
    table: 'targets',
    columns: { ...same('period', 'team', 'segment'), amount: ['amount_minor', 'currency'] },
    naturalKey: ['period', 'team', 'segment'],
  },
  spend: {
    table: 'campaign_spend',
    columns: {
      ...same('campaign', 'period', 'campaign_id', 'channel', 'start_date', 'end_date'),
      amount: ['amount_minor', 'currency'],
      currency: [],
    },
    naturalKey: ['campaign', 'period'],
  },
}

/** The data columns a mapping writes (in a stable order), for the prepared statements of one import. */
export function columnsFor(kind: ImportKind, fields: readonly string[]): string[] {
  const def = ENTITIES[kind]
  const out: string[] = []
  for (const field of fields) for (const col of def.columns[field] ?? []) if (!out.includes(col)) out.push(col)
  return out
}

export const TABLE_OF_KIND: Record<ImportKind, string> = {
  leads: 'leads',
  opportunities: 'opportunities',
  targets: 'targets',
  spend: 'campaign_spend',
}

/** Tables whose rows make a workspace non-empty (later features add theirs). */
export const DATA_TABLES: readonly string[] = [
  'leads',
  'opportunities',
  'targets',
  'campaign_spend',
  'import_batches',
  'action_items',
  'mql_targets',
]
