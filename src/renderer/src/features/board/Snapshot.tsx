import type { JSX } from 'react'
import type { MeetingSnapshot, SinceLast } from '@shared/board'
import { formatCount, formatDateTime, formatHours, formatMoney, formatPercent } from '../../format'

/** The numbers a meeting saw when it started, "as presented": never recomputed. */
export function SnapshotNumbers({ snapshot, headingId }: { snapshot: MeetingSnapshot; headingId: string }): JSX.Element {
  const t = snapshot.targets
  const h = snapshot.handoff
  const money = (x: number): string => formatMoney(x, t.currency, { compact: true })
  const tiles: [string, string, string?][] = [
    ['Attainment', formatPercent(t.attainment), `${money(t.closedWon)} of ${money(t.target)}`],
    ['Pace', formatPercent(t.pace), t.pace === null ? undefined : t.pace >= 1 ? 'On track' : 'Behind'],
    ['Gap', money(t.gap)],
    ['Forecast', money(t.forecast), t.coverage === null ? undefined : `coverage ${t.coverage.toFixed(2)}×`],
    ['MQLs (30 days)', formatCount(h.mqls), `marketing-sourced won ${money(t.bySource.marketing.closedWon)}`],
    ['Acceptance', formatPercent(h.acceptanceRate)],
    ['SLA attainment', formatPercent(h.slaAttainment), `median ${formatHours(h.medianHoursToFirstTouch)} to first touch`],
    h.backlog === null || h.breached === null
      ? ['Backlog', '–', 'cannot be measured: no worked dates in the export']
      : ['Backlog', formatCount(h.backlog), `${formatCount(h.breached)} breached`],
  ]
  return (
    <section className="panel snapshot" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel-title">
        Numbers as presented
      </h2>
      <p className="muted">
        Frozen {formatDateTime(snapshot.asOf)} for {t.period} ({t.from} to {t.to}) and the 30 days to {h.toDate}; later imports and setting
        changes do not change them.
      </p>
      <dl className="snapshot-grid">
        {tiles.map(([name, value, note]) => (
          <div key={name} className="snapshot-tile">
            <dt>{name}</dt>
            <dd>
              <span className="snapshot-value">{value}</span>
              {note ? <span className="muted small">{note}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  )
}

const points = (x: number | null): string => (x === null ? 'n/a' : `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(1)} pts`)

/** What changed since the previous meeting; the arrows and signs say the direction, not colour alone. */
export function SinceLastPanel({ since }: { since: SinceLast | null }): JSX.Element {
  return (
    <section className="panel since-last" aria-labelledby="since-last-title" data-testid="since-last">
      <h2 id="since-last-title" className="panel-title">
        Since last meeting
      </h2>
      {since === null ? (
        <p className="muted">This is the first meeting with a snapshot: the next one will show what changed since today.</p>
      ) : (
        <>
          <p className="muted">
            Compared with “{since.previousTitle}”, {formatDateTime(since.previousAsOf)}.
          </p>
          <dl className="snapshot-grid">
            {(
              [
                ['Attainment', points(since.attainmentChange)],
                ['Pace', points(since.paceChange)],
                ['New MQLs', formatCount(since.newMqls)],
                ['New breaches', formatCount(since.newBreaches)],
                ['Items closed', formatCount(since.itemsClosed)],
                ['Items slipped', formatCount(since.itemsSlipped)],
                ['Still carried', formatCount(since.itemsCarried)],
              ] as const
            ).map(([name, value]) => (
              <div key={name} className="snapshot-tile">
                <dt>{name}</dt>
                <dd>
                  <span className="snapshot-value">{value}</span>
                </dd>
              </div>
            ))}
          </dl>
        </>
      )}
    </section>
  )
}
