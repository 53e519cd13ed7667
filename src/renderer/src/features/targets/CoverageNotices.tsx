import { useEffect, useState, type JSX } from 'react'
import { monthSpans, type TargetsViewData, type UndatedDeal } from '@shared/targets'
import { Dialog } from '../../components/Dialog'
import { Icon } from '../../components/Icon'
import { api, call, messageOf } from '../../api'
import { formatCount, formatDate, formatMoney, formatMonth } from '../../format'

/** Months as the view says them: "Jan – Mar 2017", "Jun 2017", joined with commas. */
export function monthsLabel(months: readonly string[]): string {
  return monthSpans(months)
    .map(([a, b]) => {
      if (a === b) return formatMonth(a)
      const sameYear = a.slice(0, 4) === b.slice(0, 4)
      const first = sameYear ? formatMonth(a).replace(/\s*\d{4}$/, '') : formatMonth(a)
      return `${first} – ${formatMonth(b)}`
    })
    .join(', ')
}

/** Where the joint target covers only part of the period: which part the numbers are over, and the rest. */
export function PartialTargetNotice({ view }: { view: TargetsViewData }): JSX.Element | null {
  const missing = view.targetMissingMonths
  if (missing.length === 0) return null
  const covered = view.months.map((m) => m.month).filter((m) => !missing.includes(m))
  const money = (x: number): string => formatMoney(x, view.currency)
  return (
    <div className="banner banner-info" role="note" data-testid="partial-target">
      <Icon name="info" />
      <div>
        <strong>
          No target for {monthsLabel(missing)}: attainment, pace, gap and coverage are over {monthsLabel(covered)}.
        </strong>{' '}
        The whole period has {money(view.wholePeriod.closedWon)} closed-won and {money(view.wholePeriod.openPipeline)} open pipeline.
      </div>
    </div>
  )
}

const CATEGORY_LABEL = { open: 'open', won: 'won', lost: 'lost' } as const
type Category = keyof typeof CATEGORY_LABEL

/** Deals without a close date are in no period: counted next to the pipeline numbers, one click to list them. */
export function UndatedNotice({ view }: { view: TargetsViewData }): JSX.Element | null {
  const [open, setOpen] = useState<Category | null>(null)
  const u = view.undated
  const categories = (['open', 'won', 'lost'] as const).filter((c) => u[c].count > 0)
  if (categories.length === 0 && u.unmappedStage === 0) return null
  const money = (x: number): string => formatMoney(x, view.currency)
  return (
    <div className="banner banner-warning" role="note" data-testid="undated-deals">
      <Icon name="alert" />
      <div>
        <strong>
          {categories
            .map(
              (c) =>
                `${formatCount(u[c].count)} ${CATEGORY_LABEL[c]} deal${u[c].count === 1 ? '' : 's'}${u[c].amount > 0 ? ` (${money(u[c].amount)})` : ''}`,
            )
            .join(', ')}
          {categories.length > 0 && u.unmappedStage > 0 ? ', and ' : ''}
          {u.unmappedStage > 0 ? `${formatCount(u.unmappedStage)} at an unmapped stage` : ''}
        </strong>{' '}
        have no close date, so they are in no period: not in the pipeline, the forecast or the coverage above.
      </div>
      <div className="button-row">
        {categories.map((c) => (
          <button key={c} type="button" className="button" onClick={() => setOpen(c)}>
            List the {CATEGORY_LABEL[c]} ones
          </button>
        ))}
      </div>
      {open === null ? null : <UndatedList category={open} view={view} onClose={() => setOpen(null)} />}
    </div>
  )
}

function UndatedList({ category, view, onClose }: { category: Category; view: TargetsViewData; onClose(): void }): JSX.Element {
  const [deals, setDeals] = useState<UndatedDeal[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    void call(api().targets.undated(category)).then(
      (list) => current && setDeals(list),
      (e: unknown) => current && setError(messageOf(e)),
    )
    return () => {
      current = false
    }
  }, [category])
  const total = view.undated[category].count
  return (
    <Dialog
      title={`${CATEGORY_LABEL[category][0]!.toUpperCase()}${CATEGORY_LABEL[category].slice(1)} deals without a close date`}
      onClose={onClose}
    >
      {error ? <p role="alert">{error}</p> : null}
      {deals === null && !error ? <p>Loading…</p> : null}
      {deals ? (
        <>
          <p className="muted">
            {deals.length < total ? `The ${formatCount(deals.length)} largest of ${formatCount(total)}. ` : ''}Give them a close date in the
            CRM and import the export again.
          </p>
          <div className="undated-scroll" tabIndex={0} role="region" aria-label="Deals without a close date">
            <table className="data-table" data-testid="undated-list">
              <thead>
                <tr>
                  <th scope="col">Deal</th>
                  <th scope="col">Account</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Stage</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {deals.map((d) => (
                  <tr key={d.externalId}>
                    <td>{d.name ?? d.externalId}</td>
                    <td>{d.account ?? '–'}</td>
                    <td>{d.owner ?? '–'}</td>
                    <td>{d.stage ?? '–'}</td>
                    <td className="num">{d.amount === null ? '–' : formatMoney(d.amount, d.currency ?? view.currency)}</td>
                    <td>{d.createdAt === null ? '–' : formatDate(d.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Dialog>
  )
}
