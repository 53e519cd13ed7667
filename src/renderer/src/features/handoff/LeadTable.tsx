import { useEffect, useState, type JSX } from 'react'
import { STATUS_FILTERS, type LeadRow, type LeadSort, type StatusFilter } from '@shared/handoff'
import { Icon } from '../../components/Icon'
import { useVirtualRows } from '../../components/useVirtualRows'
import { formatCount, formatHours, formatInZone } from '../../format'
import { useStore } from '../../store'
import { LEAD_PAGE_SIZE } from '../../store/handoff-slice'
import { STATUS_FILTER_LABEL, STATUS_LABEL, none } from './labels'
import { LeadTimeline } from './LeadTimeline'

const ROW_HEIGHT = 44
const SEARCH_DELAY_MS = 250

const COLUMNS: { sort: LeadSort | null; label: string; className?: string }[] = [
  { sort: 'name', label: 'Lead' },
  { sort: 'owner', label: 'Owner' },
  { sort: 'grade', label: 'Grade' },
  { sort: 'source', label: 'Source' },
  { sort: 'handedOffAt', label: 'Handed off' },
  { sort: 'workedAt', label: 'Worked' },
  // SLA time depends on the clock (business hours are not a column): sort by hand-off time instead.
  { sort: null, label: 'Waited / limit', className: 'num' },
  { sort: 'status', label: 'Status' },
]

/**
 * Every lead handed off by T: paged from the database a page at a time, only the rows in view
 * rendered, sorted, filtered and searched in SQL, so 100,000 leads scroll as smoothly as 100.
 */
export function LeadTable({ timeZone }: { timeZone: string }): JSX.Element {
  const query = useStore((s) => s.leadQuery)
  const setQuery = useStore((s) => s.setLeadQuery)
  const pages = useStore((s) => s.leadPages)
  const total = useStore((s) => s.leadTotal)
  const version = useStore((s) => s.leadTableVersion)
  const error = useStore((s) => s.leadTableError)
  const loadPage = useStore((s) => s.loadLeadPage)
  const openLead = useStore((s) => s.openLead)
  const openLeadError = useStore((s) => s.openLeadError)
  const openDetail = useStore((s) => s.openLeadDetail)
  const asOf = useStore((s) => s.handoffOverview?.scope.asOf)
  const { setScroller, onScroll, first, last, spacerHeight, topOf, reset } = useVirtualRows(total ?? 0, ROW_HEIGHT)

  // A new query, T or data: back to the top, and the first page.
  useEffect(() => {
    reset()
    void loadPage(0)
  }, [version, reset, loadPage])

  // The pages under the rows in view.
  useEffect(() => {
    if (last < first) return
    for (let p = Math.floor(first / LEAD_PAGE_SIZE); p <= Math.floor(last / LEAD_PAGE_SIZE); p++) void loadPage(p)
  }, [first, last, version, loadPage])

  const rowAt = (i: number): LeadRow | undefined => pages[Math.floor(i / LEAD_PAGE_SIZE)]?.[i % LEAD_PAGE_SIZE]

  const sortBy = (sort: LeadSort): void =>
    setQuery(query.sort === sort ? { descending: !query.descending } : { sort, descending: sort === 'handedOffAt' || sort === 'workedAt' })

  const visible: JSX.Element[] = []
  for (let i = first; i <= last; i++) {
    const r = rowAt(i)
    visible.push(
      <div
        key={i}
        role="row"
        aria-rowindex={i + 2}
        className={`lead-row${r?.status === 'breached' ? ' is-breached' : ''}${r && openLead?.id === r.id ? ' is-open' : ''}`}
        style={{ top: topOf(i), height: ROW_HEIGHT }}
      >
        {r ? (
          <Cells row={r} timeZone={timeZone} onOpen={() => void openDetail(r.id)} />
        ) : (
          <div role="cell" className="loading-cell">
            Loading…
          </div>
        )}
      </div>,
    )
  }

  return (
    <section className="panel lead-table-panel" id="lead-table" aria-labelledby="leads-title">
      <div className="panel-head">
        <h2 id="leads-title" className="panel-title">
          Leads
        </h2>
        <p className="muted" aria-live="polite">
          {total === null ? 'Loading…' : `${formatCount(total)} lead${total === 1 ? '' : 's'}`}
          {asOf ? ` handed off by ${formatInZone(asOf, timeZone)}` : ''}
        </p>
      </div>
      <Filters />
      {error ? (
        <p role="alert" className="banner banner-error">
          {error}
        </p>
      ) : null}
      <div className={`lead-layout${openLead || openLeadError ? ' with-detail' : ''}`}>
        <div role="table" className="lead-table" aria-label="Leads" aria-rowcount={(total ?? 0) + 1}>
          <div className="lead-table-inner">
            <div role="rowgroup">
              <div role="row" aria-rowindex={1} className="lead-row lead-head">
                {COLUMNS.map((c) => (
                  <div
                    key={c.label}
                    role="columnheader"
                    className={c.className}
                    aria-sort={c.sort !== null && query.sort === c.sort ? (query.descending ? 'descending' : 'ascending') : undefined}
                  >
                    {c.sort === null ? (
                      c.label
                    ) : (
                      <button type="button" className="sort-button" onClick={() => sortBy(c.sort as LeadSort)}>
                        {c.label}
                        <span aria-hidden="true" className="sort-mark">
                          {query.sort === c.sort ? (query.descending ? '▼' : '▲') : ''}
                        </span>
                      </button>
                    )}
                  </div>
                ))}
              </div>
            </div>
            <div role="rowgroup" className="lead-scroll" ref={setScroller} onScroll={onScroll} data-testid="lead-scroll">
              <div className="lead-spacer" style={{ height: spacerHeight }}>
                {visible}
              </div>
              {total === 0 ? <p className="muted empty-rows">No lead matches.</p> : null}
            </div>
          </div>
        </div>
        {openLead || openLeadError ? <LeadTimeline timeZone={timeZone} /> : null}
      </div>
    </section>
  )
}

function Cells({ row, timeZone, onOpen }: { row: LeadRow; timeZone: string; onOpen(): void }): JSX.Element {
  const status = STATUS_LABEL[row.status]
  return (
    <>
      <div role="cell" className="lead-name" title={[row.name ?? row.externalId, row.company].filter(Boolean).join(' · ')}>
        <button type="button" className="link-button" onClick={onOpen} title="Open the lead's timeline">
          {row.name ?? row.externalId}
        </button>
        {row.company ? <span className="muted"> · {row.company}</span> : null}
      </div>
      <div role="cell">{none(row.owner, 'owner')}</div>
      <div role="cell">{row.grade ?? '–'}</div>
      <div role="cell" title={row.source ?? undefined}>
        {row.source ?? '–'}
      </div>
      <div role="cell">{row.handedOffAt ? formatInZone(row.handedOffAt, timeZone) : '–'}</div>
      <div role="cell">{row.workedAt ? formatInZone(row.workedAt, timeZone) : '–'}</div>
      <div role="cell" className="num">
        {formatHours(row.elapsedHours)} <span className="muted">/ {formatHours(row.limitHours)}</span>
      </div>
      <div role="cell" className={`status status-${row.status}`}>
        <Icon name={status.icon} size={16} />
        {status.label}
      </div>
    </>
  )
}

function Filters(): JSX.Element {
  const query = useStore((s) => s.leadQuery)
  const setQuery = useStore((s) => s.setLeadQuery)
  const facets = useStore((s) => s.facets)
  // Typed text, applied after a pause; the view remounts this on a new workspace (its key).
  const [search, setSearch] = useState(query.search)
  useEffect(() => {
    if (search === query.search) return
    const t = setTimeout(() => setQuery({ search }), SEARCH_DELAY_MS)
    return () => clearTimeout(t)
  }, [search, query.search, setQuery])
  const pick = (value: string): string | null => (value === '\u0000' ? null : value)
  const reason = query.reason ?? null
  const filtered =
    query.status !== null || query.owner !== null || query.grade !== null || query.source !== null || reason !== null || query.search !== ''
  return (
    <div className="toolbar lead-filters">
      <label className="inline-field search">
        <Icon name="search" size={18} />
        <span className="sr-only">Search leads</span>
        <input
          className="input"
          type="search"
          placeholder="Name, company, email or id"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </label>
      <label className="inline-field">
        <span>Status</span>
        <select
          className="input"
          value={query.status ?? ''}
          onChange={(e) => setQuery({ status: e.target.value === '' ? null : (e.target.value as StatusFilter) })}
        >
          <option value="">All</option>
          {STATUS_FILTERS.map((s) => (
            <option key={s} value={s}>
              {STATUS_FILTER_LABEL[s]}
            </option>
          ))}
        </select>
      </label>
      {(['owner', 'grade', 'source'] as const).map((f) => (
        <label key={f} className="inline-field">
          <span>{f[0]?.toUpperCase() + f.slice(1)}</span>
          {/* NUL stands for "any": '' is a real filter value (leads without one). */}
          <select className="input" value={query[f] ?? '\u0000'} onChange={(e) => setQuery({ [f]: pick(e.target.value) })}>
            <option value={'\u0000'}>All</option>
            {(facets?.[`${f}s`] ?? []).map((v) => (
              <option key={v} value={v}>
                {none(v, f)}
              </option>
            ))}
          </select>
        </label>
      ))}
      {reason !== null ? (
        <span className="filter-chip">
          Rejected as “{reason === '' ? '(no reason)' : reason}”
          <button type="button" className="icon-button" aria-label="Any rejection reason" onClick={() => setQuery({ reason: null })}>
            <Icon name="close" size={14} />
          </button>
        </span>
      ) : null}
      {filtered ? (
        <button
          type="button"
          className="button subtle"
          onClick={() => {
            setSearch('')
            setQuery({ status: null, owner: null, grade: null, source: null, reason: null, search: '' })
          }}
        >
          Clear filters
        </button>
      ) : null}
    </div>
  )
}
