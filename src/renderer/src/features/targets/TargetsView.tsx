import type { JSX } from 'react'
import { EmptyState } from '../../components/EmptyState'
import { ViewHeader } from '../../components/ViewHeader'
import { GoToImport } from '../import/GoToImport'

export function TargetsView(): JSX.Element {
  return (
    <>
      <ViewHeader title="Targets" subtitle="Are we on track for the revenue target both teams share?" />
      <EmptyState icon="targets" title="No opportunities yet" action={<GoToImport />}>
        <p>
          Import an opportunity export from your CRM (Salesforce, HubSpot, Pipedrive or your own spreadsheet) to see
          closed-won against the shared target, pace, forecast and the marketing-sourced share.
        </p>
      </EmptyState>
    </>
  )
}
