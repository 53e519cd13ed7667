import type { JSX } from 'react'
import { GLOSSARY, type GlossaryKey } from '@shared/glossary'
import type { RoiFigures, RoiSortKey } from '@shared/roi'
import { Term } from '../../components/Term'
import { formatCount, formatMoney, formatPercent } from '../../format'
import { useStore } from '../../store'
import type { RoiSort } from '../../store/roi-slice'

/** A campaign's or channel's row: its name, what to show under it, and its figures. */
export interface RoiRow extends RoiFigures {
  name: string
  note?: string
}

type Format = 'money' | 'count' | 'percent'

/** Columns by their glossary term; `short` is the header's text where the term is too long for a column. */
const COLUMNS: { key: Exclude<RoiSortKey, 'name'>; term: GlossaryKey; format: Format; short?: string }[] = [
  { key: 'spend', term: 'spend', format: 'money' },
  { key: 'mqls', term: 'roiMqls', format: 'count' },
  { key: 'sqls', term: 'roiSqls', format: 'count' },
  { key: 'opportunities', term: 'roiOpportunities', format: 'count', short: 'Opps' },
  { key: 'pipeline', term: 'roiPipeline', format: 'money' },
  { key: 'sourcedWon', term: 'sourcedWon', format: 'money', short: 'Sourced' },
  { key: 'influencedWon', term: 'influencedWon', format: 'money', short: 'Influenced' },
  { key: 'overlapWon', term: 'overlapWon', format: 'money' },
  { key: 'costPerMql', term: 'costPerMql', format: 'money', short: 'Per MQL' },
  { key: 'costPerSql', term: 'costPerSql', format: 'money', short: 'Per SQL' },
  { key: 'costPerWon', term: 'costPerWon', format: 'money', short: 'Per won' },
  { key: 'roi', term: 'roi', format: 'percent', short: 'ROI' },
]

/** A header's accessible name: its visible text first (what speech input users say), then the whole term. */
const sortLabel = (c: (typeof COLUMNS)[number]): string => `${c.short ? `${c.short}: s` : 'S'}ort by ${GLOSSARY[c.term].term}`

function SortMark({ sortKey, sort }: { sortKey: RoiSortKey; sort: RoiSort }): JSX.Element {
  return (
    <span aria-hidden="true" className="sort-mark">
      {sort.key === sortKey ? (sort.descending ? '▼' : '▲') : ''}
    </span>
  )
}

const valueOf = (row: RoiRow, key: RoiSortKey): string | number | null => (key === 'name' ? row.name : row[key])

/** Rows in the chosen order; empty values (no spend, nothing to divide by) last either way. */
export function sortRows(rows: readonly RoiRow[], sort: RoiSort): RoiRow[] {
  const sign = sort.descending ? -1 : 1
  return [...rows].sort((a, b) => {
    const x = valueOf(a, sort.key)
    const y = valueOf(b, sort.key)
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1
    const order = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number)
    return sign * order || a.name.localeCompare(b.name)
  })
}

/**
 * The figures of the campaigns (or channels), sortable by any column. Amounts are compact (the exact
 * amount is the cell's title); an empty value is a dash, and a missing spend says so in words.
 */
export function RoiTable({
  rows,
  currency,
  nameLabel,
  testId,
}: {
  rows: readonly RoiRow[]
  currency: string
  nameLabel: string
  testId: string
}): JSX.Element {
  const sort = useStore((s) => s.roiSort)
  const sortRoi = useStore((s) => s.sortRoi)
  const show = (value: number | null, format: Format): string =>
    value === null
      ? '–'
      : format === 'money'
        ? formatMoney(value, currency, { compact: true })
        : format === 'count'
          ? formatCount(value)
          : formatPercent(value)
  const ariaSort = (key: RoiSortKey): 'ascending' | 'descending' | undefined =>
    sort.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined
  return (
    <table className="data-table roi-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col" aria-sort={ariaSort('name')}>
            <button type="button" className="sort-button" aria-label={`Sort by ${nameLabel}`} onClick={() => sortRoi('name')}>
              {nameLabel}
              <SortMark sortKey="name" sort={sort} />
            </button>
          </th>
          {COLUMNS.map((c, i) => (
            <th key={c.key} scope="col" className="num" aria-sort={ariaSort(c.key)} data-column={c.key}>
              <Term name={c.term} align={i >= COLUMNS.length / 2 ? 'end' : 'start'} onClick={() => sortRoi(c.key)} label={sortLabel(c)}>
                {c.short ?? GLOSSARY[c.term].term}
                <SortMark sortKey={c.key} sort={sort} />
              </Term>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sortRows(rows, sort).map((row) => (
          <tr key={row.name}>
            <th scope="row" className="roi-name">
              {row.name}
              {row.note ? <span className="muted roi-note">{row.note}</span> : null}
            </th>
            {COLUMNS.map((c) => {
              const value = row[c.key]
              if (c.key === 'spend' && value === null) {
                return (
                  <td key={c.key} className="num roi-missing">
                    no spend imported
                  </td>
                )
              }
              return (
                <td key={c.key} className="num" title={c.format === 'money' && value !== null ? formatMoney(value, currency) : undefined}>
                  {show(value, c.format)}
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}
