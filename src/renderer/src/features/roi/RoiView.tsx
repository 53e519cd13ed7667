import { useEffect, type JSX } from 'react'
import { EmptyState } from '../../components/EmptyState'
import { ErrorBanner, LoadingOrError } from '../../components/ErrorBanner'
import { Icon } from '../../components/Icon'
import { Term } from '../../components/Term'
import { ViewHeader } from '../../components/ViewHeader'
import { formatMoney } from '../../format'
import { useStore } from '../../store'
import { GoToImport } from '../../components/GoToImport'
import { PeriodPicker, periodLabel } from '../../components/PeriodPicker'
import { RoiChart } from './RoiChart'
import { RoiTable, type RoiRow } from './RoiTable'

const SOURCED_BY: Record<string, string> = { marketing: 'marketing', sales: 'sales', partner: 'partner' }

export function RoiView(): JSX.Element {
  const view = useStore((s) => s.roiReport)
  const query = useStore((s) => s.roiQuery)
  const error = useStore((s) => s.roiError)
  const loading = useStore((s) => s.roiLoading)
  const load = useStore((s) => s.loadRoi)
  const setQuery = useStore((s) => s.setRoiQuery)
  const navigate = useStore((s) => s.navigate)

  // Every visit reloads: an import or the settings (sources, rates) may have changed elsewhere.
  useEffect(() => {
    void load()
  }, [load])

  const header = (
    <ViewHeader
      title="Marketing ROI"
      subtitle="What each campaign and channel cost, and what it brought: sourced and influenced"
      actions={
        <button type="button" className="button" onClick={() => navigate('import')}>
          <Icon name="import" />
          Import spend
        </button>
      }
    />
  )

  if (!view) {
    return (
      <>
        {header}
        <LoadingOrError error={error} loading="Loading the campaigns…" />
      </>
    )
  }

  const nothing = view.campaigns.length === 0 && view.channels.length === 0 && view.unmatchedSpend.length === 0
  const campaigns: RoiRow[] = view.campaigns.map((c) => ({
    ...c,
    name: c.campaign,
    ...(c.ids.length > 0 ? { note: c.ids.join(', ') } : {}),
  }))
  const channels: RoiRow[] = view.channels.map((c) => ({
    ...c,
    name: c.channel,
    note: c.sourcedBy ? SOURCED_BY[c.sourcedBy] : 'not mapped in Settings',
  }))
  return (
    <>
      {header}
      <div className="roi" aria-busy={loading}>
        <PeriodPicker view={view} asOfChosen={query.asOf !== undefined} onChange={setQuery} />
        {error ? <ErrorBanner message={error} /> : null}
        {!view.hasSpend ? (
          <div className="banner banner-info" data-testid="no-spend">
            <Icon name="info" />
            <div>
              <strong>No spend imported.</strong> Import a sheet of campaign, period and spend, or a Salesforce Campaign export, to see what
              each campaign cost and its return on spend.
            </div>
          </div>
        ) : null}
        {view.unconvertible > 0 ? (
          <div className="banner banner-warning" data-testid="roi-unconvertible">
            <Icon name="alert" />
            <div>
              <Term name="unconvertible" />: {view.unconvertible} deals or spend rows in{' '}
              {view.unconvertibleCurrencies.map((c) => c.currency).join(', ')}, which have no exchange rate in Settings.
            </div>
          </div>
        ) : null}
        {nothing ? (
          <EmptyState
            icon="roi"
            title={`No campaign activity in ${periodLabel(view.period, view.fiscalYearStartMonth)}`}
            action={<GoToImport />}
          >
            <p>
              No lead handed off or qualified, no deal created or won, and no spend in this period names a campaign. Pick another period, or
              import leads and deals that carry a campaign and the campaigns&apos; spend.
            </p>
          </EmptyState>
        ) : (
          <>
            <p className="roi-rule" data-testid="roi-rule">
              <strong>The rule:</strong> a deal is <Term name="sourcedWon">sourced</Term> by the campaign it{' '}
              <Term name="belongs">belongs to</Term> (its own campaign, else its linked lead&apos;s), and{' '}
              <Term name="influencedWon">influenced</Term> by every campaign one of its linked leads came from;{' '}
              <Term name="overlapWon">both</Term> is what a campaign sourced and influenced.
            </p>
            <RoiChart campaigns={view.campaigns} currency={view.currency} />
            <section className="panel roi-panel" aria-labelledby="roi-campaigns-title">
              <h2 id="roi-campaigns-title" className="panel-title">
                Campaigns
              </h2>
              {campaigns.length > 0 ? (
                <RoiTable rows={campaigns} currency={view.currency} nameLabel="Campaign" testId="roi-campaigns" />
              ) : (
                <p className="muted">No campaign has leads, deals or spend in this period.</p>
              )}
            </section>
            <section className="panel roi-panel" aria-labelledby="roi-channels-title">
              <h2 id="roi-channels-title" className="panel-title">
                <Term name="channel">Channels</Term>
              </h2>
              {channels.length > 0 ? (
                <RoiTable rows={channels} currency={view.currency} nameLabel="Channel" testId="roi-channels" />
              ) : (
                <p className="muted">No lead or deal of this period has a lead source.</p>
              )}
            </section>
            {view.unmatchedSpend.length > 0 ? (
              <section className="panel" aria-labelledby="roi-unmatched-title" data-testid="roi-unmatched">
                <h2 id="roi-unmatched-title" className="panel-title">
                  <Term name="unmatchedSpend" />
                </h2>
                <ul className="roi-unmatched">
                  {view.unmatchedSpend.map((u) => (
                    <li key={u.campaign}>
                      <strong>{u.campaign}</strong>
                      {u.ids.length > 0 ? <span className="muted"> ({u.ids.join(', ')})</span> : null}:{' '}
                      {u.spend === null ? 'no amount imported' : formatMoney(u.spend, view.currency)}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </>
        )}
      </div>
    </>
  )
}
