import type { JSX } from 'react'
import { STATUS_WORD, type Deck, type Figure, type FigureStatus, type PaceChart, type Slide, type SourceAsOf } from '@shared/presentation'
import { Icon, type IconName } from '../../components/Icon'
import { formatDay, formatMoney, formatPercent } from '../../format'
import { figureLabel, formatFigure } from './format-figure'

const STATUS_ICON: Record<FigureStatus, IconName> = { onTrack: 'check', ok: 'check', behind: 'alert', breached: 'x', overdue: 'clock' }

/** A status by icon and word (never by colour alone). */
export function StatusWord({ status }: { status: FigureStatus }): JSX.Element {
  return (
    <span className={`p-status p-status-${status}`}>
      <Icon name={STATUS_ICON[status]} size={24} />
      <span>{STATUS_WORD[status]}</span>
    </span>
  )
}

function FigureBox({ f, currency }: { f: Figure; currency: string }): JSX.Element {
  return (
    <div className={`p-figure${f.headline ? ' p-headline' : ''}`} data-figure={f.key}>
      <div className="p-figure-label">{figureLabel(f)}</div>
      <div className="p-figure-value">{formatFigure(f, currency)}</div>
      {f.value === null && f.missing ? <div className="p-figure-note">{f.missing}</div> : null}
      {f.status ? <StatusWord status={f.status} /> : null}
    </div>
  )
}

function Figures({ figures, currency }: { figures: readonly Figure[]; currency: string }): JSX.Element | null {
  if (figures.length === 0) return null
  return (
    <div className="p-figures">
      {figures.map((f) => (
        <FigureBox key={f.key} f={f} currency={currency} />
      ))}
    </div>
  )
}

/**
 * The cumulative closed-won line against the straight line to the target: two series, two ticks (0 and
 * the target), labels at the lines' ends instead of a legend. The lines are SVG; every word is HTML so
 * that it keeps its size whatever the chart's.
 */
function PaceChartView({ chart, currency }: { chart: PaceChart; currency: string }): JSX.Element {
  const pts = chart.points
  const top = Math.max(...pts.map((p) => Math.max(p.target, p.closedWon ?? 0))) * 1.08 || 1
  // By date, not by point: the as-of day sits between two weekly points.
  const day = (i: number): number => Date.parse(`${pts[i]?.date ?? ''}T00:00:00Z`)
  const span = day(pts.length - 1) - day(0)
  const x = (i: number): number => (pts.length <= 1 || !(span > 0) ? 0 : ((day(i) - day(0)) / span) * 100)
  const y = (v: number): number => 100 - (v / top) * 100
  const fmt = (v: number): string =>
    chart.unit === 'money' ? formatMoney(v, currency, { compact: true }) : formatPercent(Math.round(v * 100) / 100)
  const won = pts.map((p, i) => ({ i, v: p.closedWon })).filter((p): p is { i: number; v: number } => p.v !== null)
  const lastWon = won[won.length - 1]
  const lastTarget = pts[pts.length - 1]
  const first = pts[0]
  return (
    <figure className="p-chart" aria-label="Closed-won so far against the line to the target">
      <div className="p-chart-plot">
        <svg viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
          <line x1="0" y1="100" x2="100" y2="100" className="p-axis" vectorEffect="non-scaling-stroke" />
          <polyline
            className="p-line-target"
            points={pts.map((p, i) => `${x(i)},${y(p.target)}`).join(' ')}
            vectorEffect="non-scaling-stroke"
            fill="none"
          />
          <polyline
            className="p-line-won"
            points={won.map((p) => `${x(p.i)},${y(p.v)}`).join(' ')}
            vectorEffect="non-scaling-stroke"
            fill="none"
          />
        </svg>
        {lastTarget ? (
          <span className="p-chart-label p-label-target" style={{ top: `${y(lastTarget.target)}%` }}>
            Target {fmt(lastTarget.target)}
          </span>
        ) : null}
        {lastWon ? (
          <span className="p-chart-label p-label-won" style={{ left: `${Math.min(x(lastWon.i), 70)}%`, top: `${y(lastWon.v)}%` }}>
            Closed-won {fmt(lastWon.v)}
          </span>
        ) : null}
      </div>
      <div className="p-chart-axis">
        <span>{first ? formatDay(first.date, { month: 'short', day: 'numeric' }) : ''}</span>
        <span>{lastTarget ? formatDay(lastTarget.date, { month: 'short', day: 'numeric' }) : ''}</span>
      </div>
    </figure>
  )
}

function SlideBody({ slide, currency }: { slide: Slide; currency: string }): JSX.Element {
  switch (slide.id) {
    case 'targets':
      return (
        <>
          <Figures figures={slide.figures} currency={slide.currency} />
          {slide.chart ? <PaceChartView chart={slide.chart} currency={slide.currency} /> : null}
        </>
      )
    case 'handoff':
      return (
        <>
          <Figures figures={slide.figures} currency={currency} />
          {slide.breachedByOwner.length > 0 ? (
            <section className="p-bars" aria-label="Breached leads by owner">
              <h3>Breached now, by owner</h3>
              {slide.breachedByOwner.map((o) => {
                const most = slide.breachedByOwner[0]?.breached ?? 1
                return (
                  <div className="p-bar-row" key={o.owner}>
                    <span className="p-bar-name">{o.owner}</span>
                    <span className="p-bar">
                      <span className="p-bar-fill" style={{ width: `${(o.breached / most) * 100}%` }} />
                    </span>
                    <span className="p-bar-value">{o.breached}</span>
                  </div>
                )
              })}
            </section>
          ) : null}
        </>
      )
    case 'board':
      return (
        <>
          <Figures figures={slide.figures} currency={currency} />
          {slide.items.length > 0 ? (
            <ul className="p-items" aria-label="Open action items">
              {slide.items.map((i, n) => (
                <li key={n} className={i.overdue ? 'p-overdue' : undefined}>
                  {i.overdue ? <StatusWord status="overdue" /> : <span className="p-item-status">{i.status}</span>}
                  <span className="p-item-title">{i.title}</span>
                  <span className="p-item-owner">{i.owner || 'No owner'}</span>
                </li>
              ))}
              {slide.more > 0 ? <li className="p-more">and {slide.more} more on the Board</li> : null}
            </ul>
          ) : null}
        </>
      )
    case 'sinceLast':
      return <Figures figures={slide.figures} currency={currency} />
  }
}

function subtitleOf(slide: Slide): string | null {
  switch (slide.id) {
    case 'targets':
      return `${formatDay(slide.from)} – ${formatDay(slide.to)}`
    case 'handoff':
      return `Last 30 days: ${formatDay(slide.fromDate)} – ${formatDay(slide.toDate)}`
    case 'board':
      return slide.meeting ? slide.meeting.title : null
    case 'sinceLast':
      return slide.meeting ? `Compared with ${formatDay(slide.meeting.previousAsOf.slice(0, 10))}: "${slide.meeting.previousTitle}"` : null
  }
}

const SOURCE_WORD: Record<SourceAsOf['source'], string> = { leads: 'Leads', opportunities: 'Deals', targets: 'Targets' }

function DataAsOf({ deck }: { deck: Deck }): JSX.Element {
  return (
    <footer className="p-foot">
      <span className="p-asof">
        Data as of:{' '}
        {deck.dataAsOf.map((s, i) => (
          <span key={s.source} className={s.stale || s.importedAt === null ? 'p-stale' : undefined}>
            {i > 0 ? ' · ' : ''}
            {s.stale || s.importedAt === null ? <Icon name="alert" size={20} label="Stale:" /> : null}
            {SOURCE_WORD[s.source]}{' '}
            {s.importedAt === null ? 'never imported' : formatDay(s.importedAt.slice(0, 10), { month: 'short', day: 'numeric' })}
          </span>
        ))}
      </span>
      {deck.staleWarning ? (
        <span className="p-warning" role="note">
          Older than {deck.staleDays} days
        </span>
      ) : null}
    </footer>
  )
}

/** One slide, laid out for a 16:9 screen read from 5 m: sizes in units of the slide's own height. */
export function SlideView({ deck, index, number }: { deck: Deck; index: number; number?: boolean }): JSX.Element | null {
  const entry = deck.slides[index]
  if (!entry) return null
  const { slide } = entry
  const currency = deck.slides.find((s) => s.slide.id === 'targets')?.slide
  const home = currency?.id === 'targets' ? currency.currency : 'USD'
  const subtitle = subtitleOf(slide)
  return (
    <article className={`p-slide p-slide-${slide.id}`} aria-label={slide.title} data-slide={slide.id}>
      <header className="p-head">
        <h2>{slide.title}</h2>
        {subtitle ? <p className="p-sub">{subtitle}</p> : null}
        {number ? (
          <span className="p-count">
            {index + 1}/{deck.slides.length}
          </span>
        ) : null}
      </header>
      <div className="p-body">
        {slide.message ? <p className="p-message">{slide.message}</p> : null}
        <SlideBody slide={slide} currency={home} />
      </div>
      <DataAsOf deck={deck} />
    </article>
  )
}
