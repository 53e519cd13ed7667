import type { JSX } from 'react'
import type { GlossaryKey } from '@shared/glossary'
import type { TargetsViewData } from '@shared/targets'
import { Term } from '../../components/Term'
import { formatCount, formatDay, formatMoney, formatPercent } from '../../format'

const NOT_ENOUGH = 'not enough history'

function Need({ label, value, testid }: { label: string; value: number | null; testid: string }): JSX.Element {
  return (
    <div className="need" data-testid={testid} data-value={value ?? ''}>
      <span className={value === null ? 'need-value unknown' : 'need-value'}>{value === null ? '–' : formatCount(value)}</span>
      <span className="need-label">{label}</span>
      {value === null ? <span className="need-note">{NOT_ENOUGH}</span> : null}
    </div>
  )
}

function Rate({ name, value, detail, align }: { name: GlossaryKey; value: string | null; detail: string; align?: 'end' }): JSX.Element {
  return (
    <div className="rate">
      <dt>
        <Term name={name} align={align} />
      </dt>
      <dd>
        <strong>{value ?? NOT_ENOUGH}</strong> <span className="muted">{detail}</span>
      </dd>
    </div>
  )
}

/**
 * How many more MQLs, SQLs and opportunities close the gap at the trailing rates: the number the two
 * teams negotiate over.
 */
export function GapPlanPanel({ view }: { view: TargetsViewData }): JSX.Element {
  const plan = view.gapPlan
  const gap = view.metrics.gap
  return (
    <section className="panel gap-plan" aria-labelledby="gap-plan-title">
      <h2 id="gap-plan-title" className="panel-title">
        <Term name="gapPlan" />
      </h2>
      {!view.hasTarget ? (
        <p className="muted">Set a target for this period to see what it takes to reach it.</p>
      ) : (
        <>
          {gap === 0 ? (
            <p className="gap-closed">No gap: closed-won has reached the target.</p>
          ) : (
            <>
              <p className="gap-lead">
                To close the <Term name="gap">gap of {formatMoney(gap, view.currency)}</Term> by {formatDay(view.range.end)}, it takes
                about:
              </p>
              <div className="needs">
                <Need label="more opportunities" value={plan.opportunities} testid="need-opportunities" />
                <Need label="more SQLs" value={plan.sqls} testid="need-sqls" />
                <Need label="more MQLs" value={plan.mqls} testid="need-mqls" />
              </div>
            </>
          )}
          <Rates view={view} />
        </>
      )}
    </section>
  )
}

/** The trailing rates the plan rests on, with the counts behind them. */
function Rates({ view }: { view: TargetsViewData }): JSX.Element {
  const plan = view.gapPlan
  const ratio = (x: number | null): string | null => (x === null ? null : formatPercent(x))
  return (
    <>
      <dl className="rates">
        <Rate name="winRate" value={ratio(plan.winRate)} detail={`${formatCount(plan.won)} won, ${formatCount(plan.lost)} lost`} />
        <Rate
          name="averageWonDeal"
          value={plan.averageWonDeal === null ? null : formatMoney(plan.averageWonDeal, view.currency)}
          detail="per won deal"
        />
        <Rate
          name="sqlToOpportunity"
          value={ratio(plan.sqlToOpportunity)}
          detail={`${formatCount(plan.converted)} of ${formatCount(plan.qualified)} SQLs`}
          align="end"
        />
        <Rate
          name="mqlToSql"
          value={ratio(plan.mqlToSql)}
          detail={`${formatCount(plan.qualified)} of ${formatCount(plan.handedOff)} MQLs`}
          align="end"
        />
      </dl>
      <p className="muted small">
        Rates of the 12 months from {formatDay(plan.window.start)} to {formatDay(plan.window.end)}.
      </p>
    </>
  )
}
