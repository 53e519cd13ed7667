import type { ImportKind } from './types'

/**
 * The canonical fields of each kind of import (PRODUCT.md, "Command line"): the names `--map` takes and
 * the mapping screen lists. `type` says how a raw value is read.
 */
export type FieldType =
  /** An identifier: kept as text exactly (leading zeros too); numbers from XLSX become their digits. */
  | 'id'
  | 'text'
  /** A calendar date, stored as YYYY-MM-DD. */
  | 'date'
  /** An instant, stored as UTC ISO text; without a zone in the file it is read in the workspace zone. */
  | 'timestamp'
  /** Money, stored as integer minor units with its currency. */
  | 'amount'
  /** An ISO 4217 code (or a symbol such as $ or €). */
  | 'currency'
  /** A probability: 60 %, 60, 0.6 all mean 0.6. */
  | 'probability'
  /** A target or spend period: a month (2025-08), a quarter (2025-Q3) or a fiscal year (FY2025). */
  | 'period'
  /** A team of a target: marketing, sales, or joint (empty). */
  | 'team'

export interface FieldDef {
  name: string
  label: string
  type: FieldType
  required: boolean
  /**
   * Fields that stand in for a required one: when one of them is mapped (and, in a row, has a value),
   * the required field may be absent. A campaign export dates its spend by start and end date instead of
   * a period, and names a campaign whose cost is not known yet by its CRM id.
   */
  unless?: readonly string[]
}

const f = (name: string, label: string, type: FieldType, required = false, unless?: readonly string[]): FieldDef =>
  unless ? { name, label, type, required, unless } : { name, label, type, required }

export const FIELDS: Record<ImportKind, readonly FieldDef[]> = {
  leads: [
    f('external_id', 'Lead ID', 'id', true),
    f('name', 'Name', 'text'),
    f('company', 'Company', 'text'),
    f('email', 'Email', 'text'),
    f('lead_source', 'Lead source', 'text'),
    f('campaign', 'Campaign', 'text'),
    f('grade', 'Grade', 'text'),
    f('owner', 'Owner (sales rep)', 'text'),
    f('segment', 'Segment / region', 'text'),
    f('created_at', 'Created', 'timestamp'),
    f('handed_off_at', 'Handed off (MQL)', 'timestamp'),
    f('accepted_at', 'Accepted by sales', 'timestamp'),
    f('first_touch_at', 'First touch', 'timestamp'),
    f('rejected_at', 'Rejected', 'timestamp'),
    f('rejection_reason', 'Rejection reason', 'text'),
    f('recycled_at', 'Recycled to nurture', 'timestamp'),
    f('qualified_at', 'Qualified (SQL)', 'timestamp'),
    f('opportunity_id', 'Converted opportunity ID', 'id'),
  ],
  opportunities: [
    f('external_id', 'Opportunity ID', 'id', true),
    f('name', 'Name', 'text'),
    f('account', 'Account', 'text'),
    f('owner', 'Owner', 'text'),
    f('stage', 'Stage', 'text', true),
    f('amount', 'Amount', 'amount'),
    f('currency', 'Currency', 'currency'),
    f('probability', 'Probability', 'probability'),
    f('created_at', 'Created', 'date'),
    f('close_date', 'Close date', 'date'),
    f('lead_source', 'Lead source', 'text'),
    f('campaign', 'Campaign', 'text'),
    f('lead_id', 'Lead ID', 'id'),
    f('product', 'Product', 'text'),
    f('region', 'Region', 'text'),
  ],
  targets: [
    f('period', 'Period', 'period', true),
    f('amount', 'Target amount', 'amount', true),
    f('team', 'Team', 'team'),
    f('segment', 'Segment', 'text'),
  ],
  spend: [
    f('campaign', 'Campaign', 'text', true),
    f('period', 'Period', 'period', true, ['start_date']),
    f('amount', 'Spend', 'amount', true, ['campaign_id']),
    f('currency', 'Currency', 'currency'),
    // A CRM campaign record (Salesforce's Campaign object): its id, which deals may name instead of its
    // name, its type (the channel its spend counts for) and the dates its spend is spread over.
    f('campaign_id', 'Campaign ID', 'id'),
    f('channel', 'Channel (campaign type)', 'text'),
    f('start_date', 'Start date', 'date'),
    f('end_date', 'End date', 'date'),
  ],
}

export function fieldsOf(kind: ImportKind): readonly FieldDef[] {
  return FIELDS[kind]
}

export function fieldDef(kind: ImportKind, name: string): FieldDef | undefined {
  return FIELDS[kind].find((d) => d.name === name)
}

/**
 * The required fields a mapping leaves unmapped (none stands in for them). A wide sheet of monthly
 * targets supplies the period and amount from its month columns.
 */
export function missingFields(kind: ImportKind, mapping: Readonly<Record<string, unknown>>, wide: boolean): FieldDef[] {
  return fieldsOf(kind).filter(
    (d) =>
      d.required &&
      !mapping[d.name] &&
      !(d.unless ?? []).some((u) => mapping[u]) &&
      !(wide && (d.name === 'period' || d.name === 'amount')),
  )
}

/**
 * A field the metrics need beyond the import's required ones: a row without it imports, but drops out
 * of some numbers (a lead without a hand-off date is in no handoff metric; a deal without a close date
 * in no period). The import counts such rows and names the column that most likely holds the field.
 */
export interface MetricNeed {
  field: string
  /** What the field is, in the words of the warning. */
  what: string
  /** Headers that probably hold it, best first. */
  likely: readonly RegExp[]
}

export const METRIC_NEEDS: Partial<Record<ImportKind, readonly MetricNeed[]>> = {
  leads: [
    {
      field: 'handed_off_at',
      what: 'hand-off date',
      likely: [/mql|marketing.?qualified|hand.?off|handed|routed/i, /created|first.?contact/i],
    },
  ],
  opportunities: [
    { field: 'close_date', what: 'close date', likely: [/close|won.?date|lost.?date|closed/i] },
    { field: 'amount', what: 'amount', likely: [/amount|value|revenue|price/i] },
  ],
}

/** The header of the file most likely to hold a needed field (not the column already mapped to it). */
export function likelyColumn(need: MetricNeed, headers: readonly string[], mappedHeader: string | null): string | null {
  for (const re of need.likely) {
    const hit = headers.find((h) => h !== mappedHeader && h.trim() !== '' && re.test(h))
    if (hit !== undefined) return hit
  }
  return null
}
