import type { JSX } from 'react'
import type { TargetsViewData, UnmappedValue } from '@shared/targets'
import { Icon } from '../../components/Icon'
import { Term } from '../../components/Term'
import { formatCount } from '../../format'
import { useStore } from '../../store'

const plural = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`

function Values({ values }: { values: UnmappedValue[] }): JSX.Element {
  return (
    <ul className="value-list">
      {values.map((v) => (
        <li key={v.value}>
          <span className="raw-value">{v.value}</span> <span className="muted">({formatCount(v.count)})</span>
        </li>
      ))}
    </ul>
  )
}

/**
 * What the numbers leave out, and the one click that fixes it: currencies without an exchange rate, and
 * stage or lead-source values that no setting maps.
 */
export function DataWarnings({ view }: { view: TargetsViewData }): JSX.Element | null {
  const mapInSettings = useStore((s) => s.mapInSettings)
  const counts = new Map(view.unconvertibleCurrencies.map((c) => [c.currency, c.count]))
  const currencies = [...new Set([...counts.keys(), ...view.unconvertibleTargetCurrencies])]
  const unmapped = view.unmappedStages.length + view.unmappedSources.length
  if (currencies.length === 0 && unmapped === 0) return null
  return (
    <div className="warnings">
      {currencies.length > 0 ? (
        <div className="banner banner-warning" role="status" data-testid="fx-warning">
          <Icon name="alert" />
          <div>
            <strong>
              {view.metrics.unconvertible > 0
                ? `${plural(view.metrics.unconvertible, 'opportunity is', 'opportunities are')} left out`
                : 'Targets are left out'}
            </strong>{' '}
            of these numbers (<Term name="unconvertible">why</Term>): there is no exchange rate for{' '}
            {currencies.map((c, i) => {
              const n = counts.get(c)
              return (
                <span key={c}>
                  {i > 0 ? ', ' : ''}
                  <span className="raw-value">{c}</span>
                  {n === undefined ? '' : ` (${formatCount(n)})`}
                </span>
              )
            })}
            .
          </div>
          <button type="button" className="button" onClick={() => void mapInSettings({ currencies })}>
            Add {currencies.length === 1 ? 'the rate' : 'rates'} in Settings
          </button>
        </div>
      ) : null}
      {unmapped > 0 ? (
        <div className="banner banner-warning" role="status" data-testid="unmapped-warning">
          <Icon name="alert" />
          <div>
            <strong>{plural(unmapped, 'CRM value is', 'CRM values are')} not mapped yet.</strong>
            {view.unmappedStages.length > 0 ? (
              <div>
                Stages (their deals are left out): <Values values={view.unmappedStages} />
              </div>
            ) : null}
            {view.unmappedSources.length > 0 ? (
              <div>
                Lead sources (their deals count as unknown): <Values values={view.unmappedSources} />
              </div>
            ) : null}
          </div>
          <button
            type="button"
            className="button"
            onClick={() =>
              void mapInSettings({ stages: view.unmappedStages.map((v) => v.value), sources: view.unmappedSources.map((v) => v.value) })
            }
          >
            Map {unmapped === 1 ? 'it' : 'them'} in Settings
          </button>
        </div>
      ) : null}
    </div>
  )
}
