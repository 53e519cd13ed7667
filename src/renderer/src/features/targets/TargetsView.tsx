import { useEffect, type JSX } from 'react'
import { granularityOf, periodOf } from '@shared/time/periods'
import type { TargetsViewData } from '@shared/targets'
import { EmptyState } from '../../components/EmptyState'
import { ErrorBanner, LoadingOrError } from '../../components/ErrorBanner'
import { Icon } from '../../components/Icon'
import { ViewHeader } from '../../components/ViewHeader'
import { formatDay } from '../../format'
import { useStore } from '../../store'
import { GoToImport } from '../../components/GoToImport'
import { PartialTargetNotice, UndatedNotice } from './CoverageNotices'
import { DataWarnings } from './DataWarnings'
import { DealDetail } from './DealDetail'
import { GapPlanPanel } from './GapPlanPanel'
import { KeyNumbers, TeamTargets } from './KeyNumbers'
import { PaceChart } from './PaceChart'
import { PeriodPicker, periodLabel } from '../../components/PeriodPicker'
import { SourceCharts } from './SourceCharts'
import { TargetEditor } from './TargetEditor'

function AddTargetButton({ primary = false }: { primary?: boolean }): JSX.Element {
  const open = useStore((s) => s.openTargetEditor)
  const busy = useStore((s) => s.targetEditorBusy)
  return (
    <button type="button" className={primary ? 'button primary' : 'button'} disabled={busy} onClick={() => void open({ add: true })}>
      <Icon name="plus" />
      Add a target
    </button>
  )
}

/** Shown in place of the charts when no opportunity closes in the period: where the data is instead. */
function NoDealsInPeriod({ view }: { view: TargetsViewData }): JSX.Element {
  const setQuery = useStore((s) => s.setTargetsQuery)
  const range = view.dataRange
  const latest = range
    ? periodOf(range.end < view.today ? range.end : view.today, granularityOf(view.period), view.fiscalYearStartMonth)
    : null
  return (
    <section className="panel no-deals" aria-labelledby="no-deals-title">
      <h2 id="no-deals-title" className="panel-title">
        No opportunity closes in {periodLabel(view.period, view.fiscalYearStartMonth)}
      </h2>
      {range ? (
        <p>
          The workspace&apos;s opportunities close between {formatDay(range.start)} and {formatDay(range.end)}.{' '}
          {latest && latest !== view.period ? (
            <button type="button" className="link-button" onClick={() => setQuery({ period: latest })}>
              Show {periodLabel(latest, view.fiscalYearStartMonth)}
            </button>
          ) : null}
        </p>
      ) : (
        <p>Import an opportunity export to see closed-won and pipeline against the target.</p>
      )}
    </section>
  )
}

export function TargetsView(): JSX.Element {
  const view = useStore((s) => s.targetsReport)
  const query = useStore((s) => s.targetsQuery)
  const error = useStore((s) => s.targetsError)
  const loading = useStore((s) => s.targetsLoading)
  const load = useStore((s) => s.loadTargets)
  const setQuery = useStore((s) => s.setTargetsQuery)
  const editorOpen = useStore((s) => s.targetEditor !== null)
  const openEditor = useStore((s) => s.openTargetEditor)
  const navigate = useStore((s) => s.navigate)

  // Every visit reloads: settings (stage and source mappings, rates) may have changed elsewhere.
  useEffect(() => {
    void load()
  }, [load])

  const header = (
    <ViewHeader
      title="Targets"
      subtitle="Are we on track for the revenue target both teams share?"
      actions={
        view ? (
          <>
            <button type="button" className="button" onClick={() => void openEditor()} disabled={editorOpen}>
              <Icon name="edit" />
              Edit targets
            </button>
            <button type="button" className="button" onClick={() => navigate('import')}>
              <Icon name="import" />
              Import targets
            </button>
          </>
        ) : null
      }
    />
  )

  if (!view) {
    return (
      <>
        {header}
        <DealDetail />
        <LoadingOrError error={error} loading="Loading the targets…" />
      </>
    )
  }

  const empty = view.dataRange === null && !view.hasTarget
  return (
    <>
      {header}
      <DealDetail />
      <TargetEditor currency={view.currency} period={view.period} />
      {empty && !editorOpen ? (
        <EmptyState
          icon="targets"
          title="No opportunities yet"
          action={
            <div className="button-row center">
              <GoToImport />
              <AddTargetButton />
            </div>
          }
        >
          <p>
            Import an opportunity export from your CRM (Salesforce, HubSpot, Pipedrive or your own spreadsheet) to see closed-won against
            the shared target, pace, forecast and the marketing-sourced share. Targets can be imported too (a budget sheet with one column
            per month), or added here.
          </p>
        </EmptyState>
      ) : empty ? null : (
        <div className="targets" aria-busy={loading}>
          <PeriodPicker view={view} asOfChosen={query.asOf !== undefined} onChange={setQuery} />
          {error ? <ErrorBanner message={error} /> : null}
          <DataWarnings view={view} />
          {!view.hasTarget ? (
            <div className="banner banner-info" data-testid="no-target">
              <Icon name="info" />
              <div>
                <strong>No target for {periodLabel(view.period, view.fiscalYearStartMonth)} yet.</strong> Add one, or import a budget sheet,
                to see attainment, pace and the gap.
              </div>
              <div className="button-row">
                <AddTargetButton primary />
                <button type="button" className="button" onClick={() => navigate('import')}>
                  <Icon name="import" />
                  Import
                </button>
              </div>
            </div>
          ) : null}
          <PartialTargetNotice view={view} />
          <KeyNumbers view={view} />
          <UndatedNotice view={view} />
          <TeamTargets view={view} />
          {view.opportunitiesInPeriod === 0 ? (
            <NoDealsInPeriod view={view} />
          ) : (
            <>
              <PaceChart view={view} />
              <SourceCharts view={view} />
            </>
          )}
          <GapPlanPanel view={view} />
        </div>
      )}
    </>
  )
}
