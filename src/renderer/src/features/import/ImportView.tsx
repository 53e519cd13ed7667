import type { JSX } from 'react'
import { EmptyState } from '../../components/EmptyState'
import { ViewHeader } from '../../components/ViewHeader'

export function ImportView(): JSX.Element {
  return (
    <>
      <ViewHeader title="Import" subtitle="Bring in CRM exports: leads, opportunities, targets and campaign spend." />
      <EmptyState icon="import" title="Import a CRM export">
        <p>
          Tandem reads CSV and XLSX exports from Salesforce, HubSpot, Pipedrive or a sheet of your own. Importing is
          not available in this version yet.
        </p>
      </EmptyState>
    </>
  )
}
